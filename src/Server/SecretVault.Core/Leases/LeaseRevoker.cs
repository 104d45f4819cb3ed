using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SecretVault.Sdk.Concurrency;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Leases;

/// <summary>
/// Revokes secret leases through their backends, one lease at a time (a lock per lease, and storage re-read
/// under it, so a lease's revoke handler runs once however many callers race). A failed revocation is retried
/// with exponential backoff and jitter; after <see cref="ExpirationOptions.MaxRevokeAttempts"/> the lease is
/// marked irrevocable and kept, never dropped silently.
/// </summary>
public sealed partial class LeaseRevoker
{
    private readonly LeaseStore _store;
    private readonly ExpirationQueue _queue;
    private readonly LeaseBackendCall _backend;
    private readonly TimeProvider _time;
    private readonly ExpirationOptions _options;
    private readonly ILogger<LeaseRevoker> _log;
    private readonly KeyedLock _locks = new(256);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _irrevocable = new(StringComparer.Ordinal);

    public LeaseRevoker(LeaseStore store, ExpirationQueue queue, LeaseBackendCall backend, TimeProvider time, ExpirationOptions options, ILogger<LeaseRevoker> log)
    {
        _store = store;
        _queue = queue;
        _backend = backend;
        _time = time;
        _options = options;
        _log = log;
    }

    /// <summary>Irrevocable leases known since unseal.</summary>
    public int IrrevocableCount => _irrevocable.Count;

    /// <summary>
    /// Revokes the secret lease <paramref name="leaseId"/> now. With <paramref name="force"/> a backend failure is
    /// ignored and the lease deleted. Otherwise a failure counts as an attempt (retried later, or marked irrevocable)
    /// and, when <paramref name="throwOnFailure"/>, surfaces as a 400 naming the backend's error.
    /// </summary>
    public async Task RevokeAsync(string leaseId, bool force, bool throwOnFailure, CancellationToken ct)
    {
        using (await _locks.AcquireAsync(leaseId, ct).ConfigureAwait(false))
        {
            var lease = await _store.GetAsync(leaseId, ct).ConfigureAwait(false);
            if (lease is null || lease.IsTokenLease)
            {
                return;
            }

            string? error = null;
            try
            {
                await _backend.SendAsync(lease, Operation.Revoke, TimeSpan.Zero, ct).ConfigureAwait(false);
            }
            catch (LogicalException ex)
            {
                error = string.Join("; ", ex.Errors);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not Barrier.BarrierSealedException)
            {
                // Exception messages may hold secrets: keep the type only.
                error = "the backend failed with " + ex.GetType().Name;
            }

            if (error is null || force)
            {
                await _store.DeleteAsync(lease, ct).ConfigureAwait(false);
                _failures.TryRemove(leaseId, out _);
                _irrevocable.TryRemove(leaseId, out _);
                return;
            }

            await RecordFailureAsync(lease, error, ct).ConfigureAwait(false);
            if (throwOnFailure)
            {
                throw LogicalException.BadRequest($"failed to revoke lease: lease_id: {leaseId}: {error}");
            }
        }
    }

    /// <summary>
    /// Revokes a secret whose lease could not be written (best effort: the request fails either way); a pending
    /// reservation left in storage is revoked again at the next restore.
    /// </summary>
    public async Task RollBackAsync(LeaseEntry lease)
    {
        try
        {
            await _backend.SendAsync(lease, Operation.Revoke, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            await _store.DeleteAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRollbackFailed(_log, lease.LeaseId, ex.GetType().Name);
        }
    }

    /// <summary>Sends a renewal to the lease's backend (the caller holds the lease's lock).</summary>
    public Task<LogicalResponse?> SendRenewAsync(LeaseEntry lease, TimeSpan increment, CancellationToken ct) =>
        _backend.SendAsync(lease, Operation.Renew, increment, ct);

    /// <summary>Runs <paramref name="action"/> holding the lease's lock (renewals, so they never interleave with a revoke).</summary>
    public async Task<T> WithLeaseLockAsync<T>(string leaseId, Func<Task<T>> action, CancellationToken ct)
    {
        using var held = await _locks.AcquireAsync(leaseId, ct).ConfigureAwait(false);
        return await action().ConfigureAwait(false);
    }

    /// <summary>Notes an irrevocable lease found in storage (restore).</summary>
    public void KnowIrrevocable(string leaseId) => _irrevocable.TryAdd(leaseId, 0);

    /// <summary>Forgets in-memory state (on seal).</summary>
    public void Clear()
    {
        _failures.Clear();
        _irrevocable.Clear();
    }

    private async Task RecordFailureAsync(LeaseEntry lease, string error, CancellationToken ct)
    {
        var attempts = _failures.AddOrUpdate(lease.LeaseId, 1, (_, n) => n + 1);
        if (attempts >= _options.MaxRevokeAttempts)
        {
            await _store.PutAsync(lease with { Irrevocable = true, RevokeError = error }, ct).ConfigureAwait(false);
            _failures.TryRemove(lease.LeaseId, out _);
            _irrevocable.TryAdd(lease.LeaseId, 0);
            LogIrrevocable(_log, lease.LeaseId, attempts);
            return;
        }

        var delay = _options.FirstRetryDelay * Math.Pow(2, attempts - 1);
        if (delay > _options.MaxRetryDelay)
        {
            delay = _options.MaxRetryDelay;
        }

        // Up to 20 % jitter, so leases that failed together do not retry together.
        delay += delay * (Random.Shared.NextDouble() * 0.2);
        _queue.Schedule(lease.LeaseId, _time.GetUtcNow() + delay);
        LogRetry(_log, lease.LeaseId, attempts, delay.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "expiration: rolling back the secret of lease {LeaseId} failed with {ExceptionType}")]
    private static partial void LogRollbackFailed(ILogger logger, string leaseId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "expiration: revoking lease {LeaseId} failed (attempt {Attempt}); retrying in {DelaySeconds:F0} s")]
    private static partial void LogRetry(ILogger logger, string leaseId, int attempt, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "expiration: lease {LeaseId} is irrevocable after {Attempts} failed revocations; it stays listed in sys/leases?type=irrevocable")]
    private static partial void LogIrrevocable(ILogger logger, string leaseId, int attempts);
}
