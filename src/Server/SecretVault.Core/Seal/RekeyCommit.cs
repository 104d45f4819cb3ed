using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SecretVault.Core.Barrier;

namespace SecretVault.Core.Seal;

/// <summary>
/// The rekey's commit: the new seal configuration and root key replace the old in one committed write
/// (<see cref="ISecurityBarrier.RotateRootKeyAsync"/>); a failed write is read back to tell whether it landed.
/// </summary>
internal sealed partial class RekeyCommit
{
    private readonly ISecurityBarrier _barrier;
    private readonly SealConfigStore _sealConfig;
    private readonly RootKeyStore _rootKeys;
    private readonly ILogger _log;

    public RekeyCommit(ISecurityBarrier barrier, SealConfigStore sealConfig, RootKeyStore rootKeys, ILogger log)
    {
        _barrier = barrier;
        _sealConfig = sealConfig;
        _rootKeys = rootKeys;
        _log = log;
    }

    /// <summary>Stores the attempt's new configuration and a new root key under the barrier's root key rotation.</summary>
    /// <exception cref="RootKeyRotationNotCommittedException">Nothing changed.</exception>
    public async Task CompleteAsync(RekeyAttempt attempt, SealConfigEntry current, CancellationToken ct)
    {
        var unsealKey = attempt.PendingKey!;
        var rootKey = PinnedKey.New();
        try
        {
            var next = new SealConfigEntry { SecretShares = attempt.Shares, SecretThreshold = attempt.Threshold, WrappedRootKey = RootKeyStore.Wrap(unsealKey, rootKey) };
            await _barrier.RotateRootKeyAsync(rootKey, _ => CommitAsync(current, next, attempt.Nonce), ct).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rootKey);
        }

        try
        {
            await _rootKeys.DeleteLegacyAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Committed already; a legacy copy left behind is never read while the configuration carries the key.
            _ = ex;
        }

        LogFinished(_log, attempt.Nonce, attempt.Shares, attempt.Threshold);
    }

    /// <summary>
    /// Writes the new seal configuration: the rekey's point of no return. When the write fails, reading back tells
    /// whether it landed anyway (committed), did not (<see cref="RootKeyRotationNotCommittedException"/>), or, when
    /// even that fails, nothing is known and the error goes on.
    /// </summary>
    private async Task CommitAsync(SealConfigEntry current, SealConfigEntry next, string nonce)
    {
        try
        {
            await _sealConfig.WriteAsync(next, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var stored = await _sealConfig.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            if (SameWrappedKey(stored, next))
            {
                // Visible is not yet durable (the folder's fsync may be what failed): the same write must succeed once.
                await _sealConfig.WriteAsync(next, CancellationToken.None).ConfigureAwait(false);
                LogCommitted(_log, nonce);
                return;
            }

            if (SameWrappedKey(stored, current))
            {
                throw new RootKeyRotationNotCommittedException("the new seal configuration was not stored", ex);
            }

            throw;
        }

        LogCommitted(_log, nonce);
    }

    private static bool SameWrappedKey(SealConfigEntry? stored, SealConfigEntry expected) =>
        stored is not null && (stored.WrappedRootKey, expected.WrappedRootKey) switch
        {
            (null, null) => stored.SecretShares == expected.SecretShares && stored.SecretThreshold == expected.SecretThreshold,
            ({ } a, { } b) => CryptographicOperations.FixedTimeEquals(a, b),
            _ => false,
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: rekey {Nonce} committed: only the new unseal keys unseal from now on")]
    private static partial void LogCommitted(ILogger logger, string nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: rekey {Nonce} finished: the unseal key now has {Shares} shares, threshold {Threshold}, and the root key is new")]
    private static partial void LogFinished(ILogger logger, string nonce, int shares, int threshold);
}
