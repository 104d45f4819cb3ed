using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SecretVault.Core.Barrier;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Seal;

/// <summary>
/// Rekey (<c>sys/rekey/*</c>): a threshold of current unseal key holders replaces the unseal key shares (new
/// number and threshold) and the root key under them. With verification required, the new shares take effect
/// only after a threshold of them is given back. One rekey at a time, in memory only, dropped on seal; the
/// store changes in one committed write (<see cref="ISecurityBarrier.RotateRootKeyAsync"/>).
/// </summary>
public sealed partial class RekeyOperation : KeyHolderCeremony
{
    private readonly ILogger<RekeyOperation> _log;
    private readonly RekeyCommit _commit;
    private RekeyAttempt? _attempt;

    public RekeyOperation(IPhysicalBackend physical, ISecurityBarrier barrier, KeyHolderCeremonyLock ceremonyLock, ILogger<RekeyOperation> log)
        : base(physical, ceremonyLock)
    {
        _log = log;
        _commit = new RekeyCommit(barrier, SealConfig, RootKeys, log);
    }

    /// <summary>The rekey in progress, or one not started.</summary>
    public Task<RekeyStatus> StatusAsync(CancellationToken ct) => StepAsync(config => Task.FromResult(Status(config)), ct);

    /// <summary>Starts a rekey to <paramref name="shares"/> shares with threshold <paramref name="threshold"/>.</summary>
    public Task<RekeyStatus> StartAsync(int shares, int threshold, bool requireVerification, CancellationToken ct)
    {
        UnsealShares.Validate(shares, threshold);
        return StepAsync(config =>
        {
            if (_attempt is not null)
            {
                throw LogicalException.BadRequest("rekey already in progress");
            }

            _attempt = new RekeyAttempt(Guid.NewGuid().ToString(), shares, threshold, requireVerification);
            LogStarted(_log, _attempt.Nonce, shares, threshold);
            return Task.FromResult(Status(config));
        }, ct);
    }

    /// <summary>Cancels the rekey and forgets its shares (also pending new ones); nothing to cancel is not an error.</summary>
    public Task CancelAsync(CancellationToken ct) => StepAsync(_ =>
    {
        if (_attempt is not null)
        {
            LogCancelled(_log, _attempt.Nonce);
        }

        Forget();
        return Task.FromResult(0);
    }, ct);

    /// <summary>
    /// Adds one current share (the buffer is taken over and zeroed). At the current threshold the shares must open
    /// the root key; then new shares are made and returned, and either take effect at once or wait for verification.
    /// Shares that do not open the root key are refused and progress starts over.
    /// </summary>
    public Task<RekeyUpdateResult> UpdateAsync(byte[] share, string nonce, CancellationToken ct) => ShareStepAsync(share, config =>
    {
        var attempt = _attempt ?? throw LogicalException.BadRequest("no barrier rekey in progress");
        if (attempt.PendingKey is not null)
        {
            throw LogicalException.BadRequest($"rekey operation already finished; verification must be performed; nonce for the verification operation is \"{attempt.VerificationNonce}\"");
        }

        if (nonce != attempt.Nonce)
        {
            throw LogicalException.BadRequest($"incorrect nonce supplied; nonce for this rekey operation is \"{attempt.Nonce}\"");
        }

        return UpdateStepAsync(config, attempt, share, ct);
    }, ct);

    /// <summary>The verification of the new shares.</summary>
    public Task<RekeyStatus> VerificationStatusAsync(CancellationToken ct) => StepAsync(config =>
    {
        _ = _attempt ?? throw LogicalException.BadRequest("no rekey configuration found");
        return Task.FromResult(Status(config));
    }, ct);

    /// <summary>Starts verification over with a new nonce, dropping the new shares given so far.</summary>
    public Task<RekeyStatus> RestartVerificationAsync(CancellationToken ct) => StepAsync(config =>
    {
        var attempt = _attempt ?? throw LogicalException.BadRequest("no rekey in progress");
        if (attempt.PendingKey is null)
        {
            throw LogicalException.BadRequest("no rekey verification in progress");
        }

        attempt.Verified.Forget();
        attempt.VerificationNonce = Guid.NewGuid().ToString();
        return Task.FromResult(Status(config));
    }, ct);

    /// <summary>
    /// Adds one new share to verification (the buffer is taken over and zeroed). At the new threshold the shares
    /// must combine to the new unseal key; then the rekey takes effect. Returns null on completion.
    /// </summary>
    public Task<RekeyStatus?> VerifyAsync(byte[] share, string nonce, CancellationToken ct) => ShareStepAsync(share, config =>
    {
        var attempt = _attempt ?? throw LogicalException.BadRequest("no rekey in progress");
        var pending = attempt.PendingKey ?? throw LogicalException.BadRequest("no rekey verification in progress");
        if (nonce != attempt.VerificationNonce)
        {
            throw LogicalException.BadRequest($"incorrect nonce supplied; nonce for this verify operation is \"{attempt.VerificationNonce}\"");
        }

        var newConfig = new SealConfigEntry { SecretShares = attempt.Shares, SecretThreshold = attempt.Threshold };
        attempt.Verified.Add(share, UnsealShares.ExpectedLength(newConfig), "given key has already been provided during this verify operation");
        if (attempt.Verified.Count < attempt.Threshold)
        {
            return Task.FromResult<RekeyStatus?>(Status(config));
        }

        var combined = UnsealShares.CombineOrNull(newConfig, attempt.Verified);
        attempt.Verified.Forget();
        var matches = combined is not null && CryptographicOperations.FixedTimeEquals(combined, pending);
        if (combined is not null)
        {
            CryptographicOperations.ZeroMemory(combined);
        }

        if (!matches)
        {
            throw LogicalException.BadRequest("rekey verification failed; incorrect key shares supplied");
        }

        return CompleteVerifiedAsync(attempt, config, ct);
    }, ct);

    private async Task<RekeyStatus?> CompleteVerifiedAsync(RekeyAttempt attempt, SealConfigEntry config, CancellationToken ct)
    {
        try
        {
            return await CompleteAsync(attempt, config, ct).ConfigureAwait(false);
        }
        catch (RootKeyRotationNotCommittedException)
        {
            throw new LogicalException(500, "rekey verification could not be stored; the current unseal keys still unseal; verify again");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not LogicalException)
        {
            LogUnknown(_log, attempt.Nonce);
            Forget();
            throw new LogicalException(500, "rekey: " + UnknownOutcome);
        }
    }

    /// <inheritdoc />
    protected override void Forget()
    {
        _attempt?.Forget();
        _attempt = null;
    }

    private async Task<RekeyUpdateResult> UpdateStepAsync(SealConfigEntry config, RekeyAttempt attempt, byte[] share, CancellationToken ct)
    {
        attempt.Given.Add(share, UnsealShares.ExpectedLength(config), "given key has already been provided during this generation operation");
        if (attempt.Given.Count < config.SecretThreshold)
        {
            return new RekeyUpdateResult(Status(config), null);
        }

        bool opens;
        try
        {
            opens = await UnsealShares.OpenRootKeyAsync(RootKeys, config, attempt.Given, ct).ConfigureAwait(false);
        }
        finally
        {
            attempt.Given.Forget();
        }

        if (!opens)
        {
            LogFailed(_log, attempt.Nonce);
            throw LogicalException.BadRequest("rekey aborted: the key shares do not open the root key");
        }

        var newKey = PinnedKey.New();
        var newShares = UnsealShares.Split(newKey, attempt.Shares, attempt.Threshold);
        if (attempt.RequireVerification)
        {
            attempt.PendingKey = newKey;
            attempt.VerificationNonce = Guid.NewGuid().ToString();
            return new RekeyUpdateResult(Status(config), newShares);
        }

        attempt.PendingKey = newKey;
        var status = Status(config);
        try
        {
            await CompleteAsync(attempt, config, ct).ConfigureAwait(false);
        }
        catch (RootKeyRotationNotCommittedException)
        {
            // The current shares still unseal; the new ones never took effect and must not be handed out.
            ZeroAll(newShares);
            Forget();
            throw new LogicalException(500, "rekey failed: the new seal configuration could not be stored; the current unseal keys still unseal");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not LogicalException)
        {
            // The new shares may be the only ones that unseal now: hand them out rather than destroy them.
            LogUnknown(_log, attempt.Nonce);
            Forget();
            return new RekeyUpdateResult(status, newShares, UnknownOutcome);
        }

        return new RekeyUpdateResult(status, newShares);
    }

    private const string UnknownOutcome = "storage failed while the rekey was being committed, so it may or may not have taken effect; keyring writes are stopped until the next unseal. Keep these new keys: after sealing, try them first, then the previous keys.";

    /// <summary>Stores the new configuration and root key, then ends the attempt. Returns null (the rekey is complete).</summary>
    /// <exception cref="RootKeyRotationNotCommittedException">Nothing changed; the attempt is kept.</exception>
    private async Task<RekeyStatus?> CompleteAsync(RekeyAttempt attempt, SealConfigEntry current, CancellationToken ct)
    {
        await _commit.CompleteAsync(attempt, current, ct).ConfigureAwait(false);
        Forget();
        return null;
    }

    private static void ZeroAll(IReadOnlyList<byte[]> shares)
    {
        foreach (var share in shares)
        {
            CryptographicOperations.ZeroMemory(share);
        }
    }

    private RekeyStatus Status(SealConfigEntry config) => _attempt is not { } attempt
        ? new RekeyStatus { Required = config.SecretThreshold }
        : new RekeyStatus
        {
            Started = true,
            Nonce = attempt.Nonce,
            T = attempt.Threshold,
            N = attempt.Shares,
            Progress = attempt.Given.Count,
            Required = config.SecretThreshold,
            VerificationRequired = attempt.RequireVerification,
            VerificationNonce = attempt.VerificationNonce,
            VerificationProgress = attempt.Verified.Count,
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: rekey {Nonce} started: new shares {Shares}, threshold {Threshold}")]
    private static partial void LogStarted(ILogger logger, string nonce, int shares, int threshold);

    [LoggerMessage(Level = LogLevel.Error, Message = "core: rekey {Nonce}: storage failed while committing; the outcome is unknown and keyring writes are stopped until the next unseal")]
    private static partial void LogUnknown(ILogger logger, string nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: rekey {Nonce} cancelled")]
    private static partial void LogCancelled(ILogger logger, string nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: rekey {Nonce}: the key shares did not open the root key; progress reset")]
    private static partial void LogFailed(ILogger logger, string nonce);
}
