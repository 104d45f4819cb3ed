namespace SecretVault.Core.Leases;

/// <summary>
/// The in-memory expiry index: lease IDs ordered by when to look at them next (unix milliseconds).
/// One heap, no timer per lease, so a million leases cost a million small entries. Entries may be stale
/// (a lease renewed or revoked since): the expiration manager re-reads storage before it acts.
/// </summary>
public sealed class ExpirationQueue
{
    private readonly PriorityQueue<string, long> _heap = new();
    private readonly Lock _lock = new();

    /// <summary>Entries queued (stale ones included).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _heap.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="leaseId"/> to be looked at at <paramref name="due"/>.</summary>
    public void Schedule(string leaseId, DateTimeOffset due)
    {
        lock (_lock)
        {
            _heap.Enqueue(leaseId, due.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>When the earliest entry is due, or null when the queue is empty.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock)
            {
                return _heap.TryPeek(out _, out var due) ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null;
            }
        }
    }

    /// <summary>Removes and answers up to <paramref name="max"/> entries due at <paramref name="now"/>.</summary>
    public IReadOnlyList<string> TakeDue(DateTimeOffset now, int max)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var due = new List<string>();
        lock (_lock)
        {
            while (due.Count < max && _heap.TryPeek(out _, out var at) && at <= nowMs)
            {
                due.Add(_heap.Dequeue());
            }
        }

        return due;
    }

    /// <summary>Drops every entry (on seal).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _heap.Clear();
            _heap.TrimExcess();
        }
    }
}
