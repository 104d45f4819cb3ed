using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SecretVault.Core.Leases;

/// <summary>
/// Loads the expiry queue from storage after unseal, in the background, and counts what it loaded. A pending
/// reservation older than the unseal is queued at once: the server stopped between issuing and completing it.
/// </summary>
internal sealed partial class LeaseRestorer
{
    private readonly LeaseStore _store;
    private readonly ExpirationQueue _queue;
    private readonly LeaseRevoker _revoker;
    private readonly ILogger _log;
    private long _restored;
    private long _restoreMilliseconds = -1;

    public LeaseRestorer(LeaseStore store, ExpirationQueue queue, LeaseRevoker revoker, ILogger log)
    {
        _store = store;
        _queue = queue;
        _revoker = revoker;
        _log = log;
    }

    /// <summary>Leases loaded by the current restore so far.</summary>
    public long Restored => Interlocked.Read(ref _restored);

    /// <summary>How long the last restore took; null while it runs.</summary>
    public TimeSpan? Duration => Interlocked.Read(ref _restoreMilliseconds) is var ms and >= 0 ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>Forgets the last restore's counts, before a new one starts.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _restored, 0);
        Interlocked.Exchange(ref _restoreMilliseconds, -1);
    }

    /// <summary>Queues every stored lease; stops quietly when sealed meanwhile (the next unseal starts over).</summary>
    public async Task RestoreAsync(DateTimeOffset unsealedAt, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await foreach (var id in _store.WalkAsync("", ct).ConfigureAwait(false))
            {
                var lease = await _store.GetAsync(id, ct).ConfigureAwait(false);
                if (lease is null)
                {
                    continue;
                }

                if (lease.Irrevocable)
                {
                    _revoker.KnowIrrevocable(id);
                }
                else if (lease.Pending)
                {
                    // Reserved before this unseal and never completed: the server stopped mid-issue.
                    if (lease.IssueTime < unsealedAt)
                    {
                        _queue.Schedule(id, unsealedAt);
                    }
                }
                else
                {
                    _queue.Schedule(id, lease.ExpireTime);
                }

                Interlocked.Increment(ref _restored);
            }

            Interlocked.Exchange(ref _restoreMilliseconds, clock.ElapsedMilliseconds);
            LogRestored(_log, Restored, clock.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (ex is OperationCanceledException or Barrier.BarrierSealedException)
        {
            // Sealed while restoring; the next unseal starts over.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "expiration: restored {Count} leases in {Seconds:F2} s")]
    private static partial void LogRestored(ILogger logger, long count, double seconds);
}
