using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SecretVault.Core.Barrier;
using SecretVault.Core.Seal;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core;

/// <summary>
/// Owns the order of init, unseal (barrier, then each participant in order) and seal (participants
/// in reverse, then the barrier). One operation at a time; requests never see a half-unsealed server.
/// </summary>
public sealed partial class VaultLifecycle
{
    private const string ClusterInfoKey = "core/cluster-info";
    private const string KeyringKey = "core/keyring";

    private readonly IPhysicalBackend _physical;
    private readonly ISecurityBarrier _barrier;
    private readonly TokenStore _tokens;
    private readonly IReadOnlyList<ILifecycleParticipant> _participants;
    private readonly VaultOptions _options;
    private readonly ILogger<VaultLifecycle> _log;
    private readonly SealConfigStore _sealConfig;
    private readonly RootKeyStore _rootKeys;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly UnsealAttempt _attempt = new();
    private ClusterInfoEntry? _cluster;

    // Serving is its own state, not the barrier's: the barrier opens before the tables load, and a request served in
    // that gap would see (and could write back) an empty mount table.
    private volatile bool _serving;

    public VaultLifecycle(
        IPhysicalBackend physical,
        ISecurityBarrier barrier,
        TokenStore tokens,
        IEnumerable<ILifecycleParticipant> participants,
        VaultOptions options,
        ILogger<VaultLifecycle> log)
    {
        _physical = physical;
        _barrier = barrier;
        _tokens = tokens;
        _participants = [.. participants];
        _options = options;
        _log = log;
        _sealConfig = new SealConfigStore(physical);
        _rootKeys = new RootKeyStore(physical);
    }

    /// <summary>
    /// True unless the server is serving requests: from the start of a seal until every participant has loaded after
    /// the next unseal. Only the seal endpoints are answered meanwhile.
    /// </summary>
    public bool Sealed => !_serving;

    /// <summary>Initializes storage: a new unseal key split into shares, a root key, the keyring and a root token.</summary>
    public async Task<InitResult> InitializeAsync(int secretShares, int secretThreshold, string? rootTokenId = null, CancellationToken ct = default)
    {
        UnsealShares.Validate(secretShares, secretThreshold);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        var unsealKey = PinnedKey.New();
        var rootKey = PinnedKey.New();
        try
        {
            if (await _sealConfig.ReadAsync(ct).ConfigureAwait(false) is not null)
            {
                throw LogicalException.BadRequest("Vault is already initialized");
            }

            // The seal configuration is written last, so a crash during init leaves storage uninitialized;
            // clear what such a crash may have written before starting over.
            await _physical.DeleteAsync(KeyringKey, ct).ConfigureAwait(false);
            await _rootKeys.DeleteLegacyAsync(ct).ConfigureAwait(false);

            await _barrier.InitializeAsync(rootKey, ct).ConfigureAwait(false);
            await _barrier.UnsealAsync(rootKey, ct).ConfigureAwait(false);
            string rootToken;
            try
            {
                var cluster = new ClusterInfoEntry(_options.ClusterName ?? "vault-cluster-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Guid.NewGuid().ToString());
                await _barrier.PutAsync(ClusterInfoKey, StoredJson.Serialize(cluster), ct).ConfigureAwait(false);
                rootToken = await _tokens.CreateRootTokenAsync(rootTokenId, ct).ConfigureAwait(false);
                foreach (var participant in _participants)
                {
                    await participant.OnInitializeAsync(ct).ConfigureAwait(false);
                }
            }
            finally
            {
                SealParticipants();
                _barrier.Seal();
            }

            var shares = UnsealShares.Split(unsealKey, secretShares, secretThreshold);
            await _sealConfig.WriteAsync(new SealConfigEntry { SecretShares = secretShares, SecretThreshold = secretThreshold, WrappedRootKey = RootKeyStore.Wrap(unsealKey, rootKey) }, ct).ConfigureAwait(false);
            LogInitialized(_log, secretShares, secretThreshold);
            return new InitResult(shares, rootToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(unsealKey);
            CryptographicOperations.ZeroMemory(rootKey);
            _gate.Release();
        }
    }

    /// <summary>True when storage holds a seal configuration.</summary>
    public async Task<bool> IsInitializedAsync(CancellationToken ct = default) =>
        await _sealConfig.ReadAsync(ct).ConfigureAwait(false) is not null;

    /// <summary>
    /// Adds one unseal key share (the caller's buffer is taken over and zeroed). Unseals once the
    /// threshold is reached; a bad set of shares resets progress and gives 400.
    /// </summary>
    public async Task<SealStatus> SubmitUnsealKeyAsync(byte[] share, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var config = await _sealConfig.ReadAsync(ct).ConfigureAwait(false)
                ?? throw LogicalException.BadRequest("Vault is not initialized");
            if (!_barrier.Sealed)
            {
                CryptographicOperations.ZeroMemory(share);
                return await StatusAsync(config, ct).ConfigureAwait(false);
            }

            var expectedLength = UnsealShares.ExpectedLength(config);
            if (share.Length != expectedLength)
            {
                CryptographicOperations.ZeroMemory(share);
                throw LogicalException.BadRequest($"'key' has the wrong length: an unseal key share of this Vault is {expectedLength} bytes");
            }

            _attempt.Add(share);
            if (_attempt.Progress < config.SecretThreshold)
            {
                return await StatusAsync(config, ct).ConfigureAwait(false);
            }

            await UnsealWithAttemptAsync(config, ct).ConfigureAwait(false);
            return await StatusAsync(config, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Discards the shares of the current unseal attempt.</summary>
    public async Task<SealStatus> ResetUnsealAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var config = await _sealConfig.ReadAsync(ct).ConfigureAwait(false)
                ?? throw LogicalException.BadRequest("Vault is not initialized");
            if (!_barrier.Sealed)
            {
                throw LogicalException.BadRequest("vault is unsealed");
            }

            _attempt.Reset();
            return await StatusAsync(config, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Seals: every participant drops its state, then the barrier zeroes its keys.</summary>
    public async Task SealAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Requests stop being served before any participant unloads, so none sees a half-unloaded server.
            _serving = false;
            SealParticipants();
            await _barrier.SaveEncryptionCountAsync(ct).ConfigureAwait(false);
            _barrier.Seal();
            _attempt.Reset();
            _cluster = null;
            LogSealed(_log);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The current seal status.</summary>
    public async Task<SealStatus> GetStatusAsync(CancellationToken ct = default) =>
        await StatusAsync(await _sealConfig.ReadAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    private async Task UnsealWithAttemptAsync(SealConfigEntry config, CancellationToken ct)
    {
        byte[]? unsealKey = null;
        byte[]? rootKey = null;
        try
        {
            unsealKey = UnsealShares.CombineOrNull(config, _attempt.Shares);
            _attempt.Reset();
            rootKey = unsealKey is null ? null : await _rootKeys.TryReadAsync(config, unsealKey, ct).ConfigureAwait(false);
            if (rootKey is null)
            {
                LogUnsealFailed(_log);
                throw LogicalException.BadRequest("Unseal failed, invalid key");
            }

            await _barrier.UnsealAsync(rootKey, ct).ConfigureAwait(false);
        }
        catch (BarrierIntegrityException)
        {
            LogUnsealFailed(_log);
            throw LogicalException.BadRequest("Unseal failed, invalid key");
        }
        finally
        {
            if (unsealKey is not null)
            {
                CryptographicOperations.ZeroMemory(unsealKey);
            }

            if (rootKey is not null)
            {
                CryptographicOperations.ZeroMemory(rootKey);
            }
        }

        try
        {
            var clusterBytes = await _barrier.GetAsync(ClusterInfoKey, ct).ConfigureAwait(false);
            _cluster = clusterBytes is null ? null : StoredJson.Deserialize<ClusterInfoEntry>(clusterBytes);
            foreach (var participant in _participants)
            {
                await participant.OnUnsealAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            SealParticipants();
            _barrier.Seal();
            throw;
        }

        _serving = true;
        LogUnsealed(_log);
    }

    private void SealParticipants()
    {
        for (var i = _participants.Count - 1; i >= 0; i--)
        {
            _participants[i].OnSeal();
        }
    }

    private Task<SealStatus> StatusAsync(SealConfigEntry? config, CancellationToken ct)
    {
        _ = ct;
        var sealedNow = Sealed;
        return Task.FromResult(new SealStatus
        {
            Initialized = config is not null,
            Sealed = sealedNow,
            Threshold = config?.SecretThreshold ?? 0,
            Shares = config?.SecretShares ?? 0,
            Progress = sealedNow ? _attempt.Progress : 0,
            Nonce = sealedNow ? _attempt.Nonce : "",
            ClusterName = sealedNow ? null : _cluster?.Name,
            ClusterId = sealedNow ? null : _cluster?.Id,
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "core: security barrier initialized with {Shares} shares and threshold {Threshold}")]
    private static partial void LogInitialized(ILogger logger, int shares, int threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "core: vault is unsealed")]
    private static partial void LogUnsealed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: unseal failed: the submitted key shares did not open the root key")]
    private static partial void LogUnsealFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "core: vault is sealed")]
    private static partial void LogSealed(ILogger logger);
}
