using Microsoft.Extensions.Logging;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Leases;

/// <summary>
/// Revokes leases when they expire. After unseal it loads the expiry queue from storage in the background
/// (requests are served meanwhile; a lease already due when loaded is revoked at once), then one loop takes due
/// leases and revokes them with bounded concurrency. Before acting it re-reads the lease, so a renewal or a
/// revocation since it was queued is respected.
/// </summary>
public sealed partial class ExpirationManager : ILifecycleParticipant
{
    private readonly LeaseStore _store;
    private readonly ExpirationQueue _queue;
    private readonly LeaseRevoker _revoker;
    private readonly TokenStore _tokens;
    private readonly TimeProvider _time;
    private readonly ExpirationOptions _options;
    private readonly ILogger<ExpirationManager> _log;
    private readonly LeaseRestorer _restorer;
    private readonly LeaseTidier _tidier;

    // One sweep at a time: a caller of RevokeDueAsync that finds the loop mid-sweep waits for it, so when its call
    // returns every lease due at the call has been handled.
    private readonly SemaphoreSlim _sweep = new(1, 1);
    private CancellationTokenSource? _running;

    public ExpirationManager(LeaseStore store, ExpirationQueue queue, LeaseRevoker revoker, TokenStore tokens, TimeProvider time, ExpirationOptions options, ILogger<ExpirationManager> log)
    {
        _store = store;
        _queue = queue;
        _revoker = revoker;
        _tokens = tokens;
        _time = time;
        _options = options;
        _log = log;
        _restorer = new LeaseRestorer(store, queue, revoker, log);
        _tidier = new LeaseTidier(store, revoker, tokens, log);
    }

    /// <summary>Leases loaded by the current restore so far.</summary>
    public long RestoredLeases => _restorer.Restored;

    /// <summary>How long the last restore took; null while it runs.</summary>
    public TimeSpan? RestoreDuration => _restorer.Duration;

    /// <summary>Irrevocable leases known since unseal.</summary>
    public int IrrevocableKnown => _revoker.IrrevocableCount;

    /// <summary>Entries in the expiry queue.</summary>
    public int Queued => _queue.Count;

    /// <inheritdoc />
    public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnUnsealAsync(CancellationToken ct)
    {
        var running = new CancellationTokenSource();
        _running = running;
        _restorer.Reset();
        var unsealedAt = _time.GetUtcNow();
        // Both run until the next seal cancels them; unseal does not wait for either.
        _ = Task.Run(() => _restorer.RestoreAsync(unsealedAt, running.Token), CancellationToken.None);
        _ = Task.Run(() => RunAsync(running.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void OnSeal()
    {
        // Not disposed: the loop and restore may still be registering on its token as they wind down.
        var running = Interlocked.Exchange(ref _running, null);
        running?.Cancel();
        _queue.Clear();
        _revoker.Clear();
    }

    /// <summary>Revokes every lease due now (the loop does this each tick; tests call it to step deterministically).</summary>
    public async Task<int> RevokeDueAsync(CancellationToken ct = default)
    {
        await _sweep.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var total = 0;
            while (true)
            {
                var due = _queue.TakeDue(_time.GetUtcNow(), _options.MaxConcurrentRevocations * 16);
                if (due.Count == 0)
                {
                    return total;
                }

                total += due.Count;
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentRevocations, CancellationToken = ct }, ExpireAsync).ConfigureAwait(false);
            }
        }
        finally
        {
            _sweep.Release();
        }
    }

    /// <summary>Revokes one lease now: a token lease revokes the token (and its tree); a secret lease goes through its backend.</summary>
    public async Task RevokeAsync(string leaseId, bool force, bool throwOnFailure, CancellationToken ct)
    {
        if (await _store.GetAsync(leaseId, ct).ConfigureAwait(false) is { } lease)
        {
            await RevokeLoadedAsync(lease, force, throwOnFailure, ct).ConfigureAwait(false);
        }
    }

    // The secret-lease revoker re-reads under the lease's lock; a token lease needs no lock (token revocation is idempotent).
    private async Task RevokeLoadedAsync(LeaseEntry lease, bool force, bool throwOnFailure, CancellationToken ct)
    {
        if (!lease.IsTokenLease)
        {
            await _revoker.RevokeAsync(lease.LeaseId, force, throwOnFailure, ct).ConfigureAwait(false);
            return;
        }

        await _tokens.RevokeTreeAsync(lease.TokenHash, ct).ConfigureAwait(false);

        // A token that was already gone leaves its lease behind.
        await _store.DeleteTokenLeaseAsync(lease.LeaseId, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Renews a secret lease through its backend: the new TTL is the backend's answer, else the increment, else
    /// the lease's TTL, from now, never past the lease's max TTL (capping adds a warning). An expired lease is
    /// refused rather than extended, so a renewal can never turn an expiring lease into one that never expires.
    /// </summary>
    public Task<LogicalResponse> RenewAsync(string leaseId, TimeSpan increment, CancellationToken ct) =>
        _revoker.WithLeaseLockAsync(leaseId, async () =>
        {
            var lease = await _store.GetAsync(leaseId, ct).ConfigureAwait(false);
            if (lease is null || lease.Pending || lease.Irrevocable)
            {
                throw LogicalException.BadRequest("lease not found");
            }

            if (lease.IsTokenLease)
            {
                throw LogicalException.BadRequest("a token's lease cannot be renewed here; use auth/token/renew");
            }

            var now = _time.GetUtcNow();
            if (lease.ExpireTime <= now)
            {
                throw LogicalException.BadRequest("lease expired");
            }

            if (!lease.Renewable)
            {
                throw LogicalException.BadRequest("lease is not renewable");
            }

            var answer = await _revoker.SendRenewAsync(lease, increment, ct).ConfigureAwait(false);
            var ttl = answer?.Secret is { Ttl.Ticks: > 0 } renewed ? renewed.Ttl : increment > TimeSpan.Zero ? increment : lease.Ttl;
            var expire = now + ttl;
            List<string> warnings = [];
            if (expire > lease.MaxExpireTime)
            {
                warnings.Add($"TTL of \"{Sdk.Time.Durations.Format(ttl)}\" exceeded the effective max_ttl of \"{Sdk.Time.Durations.Format(lease.MaxExpireTime - now)}\"; TTL value is capped accordingly");
                expire = lease.MaxExpireTime;
            }

            if (expire <= now)
            {
                throw LogicalException.BadRequest("lease expired");
            }

            await _store.PutAsync(lease with { ExpireTime = expire, LastRenewalTime = now }, ct).ConfigureAwait(false);
            _queue.Schedule(leaseId, expire);
            return new LogicalResponse { Data = answer?.Data, Warnings = warnings, LeaseId = leaseId, Secret = new SecretLease { Type = lease.SecretType, Ttl = expire - now, Renewable = true } };
        }, ct);

    /// <summary>The lease, or null (pending reservations included: the caller decides).</summary>
    public Task<LeaseEntry?> LookupAsync(string leaseId, CancellationToken ct) => _store.GetAsync(leaseId, ct);

    /// <summary>The direct children of a lease ID prefix.</summary>
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct) => _store.ListAsync(prefix, ct);

    /// <summary>Every irrevocable lease (read from storage, which is their only record).</summary>
    public Task<IReadOnlyList<LeaseEntry>> IrrevocableAsync(CancellationToken ct) => _tidier.IrrevocableAsync(ct);

    /// <summary>Revokes secret leases whose token is gone and drops index entries whose lease is gone.</summary>
    public Task TidyAsync(CancellationToken ct) => _tidier.TidyAsync(ct);

    /// <summary>Revokes every lease whose ID starts with <paramref name="prefix"/> (a path prefix).</summary>
    public async Task<int> RevokePrefixAsync(string prefix, bool force, CancellationToken ct)
    {
        var ids = new List<string>();
        var folder = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        await foreach (var id in _store.WalkAsync(folder, ct).ConfigureAwait(false))
        {
            ids.Add(id);
        }

        // "auth/userpass/login/alice" names the lease of one token as well as the folder of its leases.
        if (!prefix.EndsWith('/') && prefix.Length > 0 && await _store.GetAsync(prefix, ct).ConfigureAwait(false) is not null)
        {
            ids.Add(prefix);
        }

        foreach (var id in ids)
        {
            await RevokeAsync(id, force, throwOnFailure: !force, ct).ConfigureAwait(false);
        }

        return ids.Count;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await RevokeDueAsync(ct).ConfigureAwait(false) > 0)
                {
                    continue;
                }

                var now = _time.GetUtcNow();
                var wait = _queue.NextDue is { } next && next - now < _options.Tick ? next - now : _options.Tick;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or Barrier.BarrierSealedException)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogLoopFailed(_log, ex.GetType().Name);
                await Task.Delay(_options.Tick, _time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask ExpireAsync(string leaseId, CancellationToken ct)
    {
        var lease = await _store.GetAsync(leaseId, ct).ConfigureAwait(false);
        if (lease is null || lease.Irrevocable)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (!lease.Pending && lease.ExpireTime > now)
        {
            // Renewed since it was queued.
            _queue.Schedule(leaseId, lease.ExpireTime);
            return;
        }

        await RevokeLoadedAsync(lease, force: false, throwOnFailure: false, ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "expiration: the expiry loop failed with {ExceptionType}; continuing")]
    private static partial void LogLoopFailed(ILogger logger, string exceptionType);
}
