using SecretVault.Core.Leases;

namespace SecretVault.Core.Tests.Leases;

public sealed class ExpirationQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TakeDue_AnswersOnlyDueEntries_EarliestFirst_UpToTheLimit()
    {
        var queue = new ExpirationQueue();
        queue.Schedule("late", T0.AddSeconds(30));
        queue.Schedule("b", T0.AddSeconds(2));
        queue.Schedule("a", T0.AddSeconds(1));
        queue.Schedule("c", T0.AddSeconds(3));

        Assert.Empty(queue.TakeDue(T0, 10));
        Assert.Equal(T0.AddSeconds(1), queue.NextDue);
        Assert.Equal(["a", "b"], queue.TakeDue(T0.AddSeconds(5), 2));
        Assert.Equal(["c"], queue.TakeDue(T0.AddSeconds(5), 10));
        Assert.Equal(1, queue.Count);
        queue.Clear();
        Assert.Null(queue.NextDue);
    }

    [Fact]
    public void ARenewedLease_IsQueuedTwice_AndTheManagerSortsItOut()
    {
        // The queue keeps stale entries; correctness comes from re-reading storage when one falls due.
        var queue = new ExpirationQueue();
        queue.Schedule("x", T0.AddSeconds(1));
        queue.Schedule("x", T0.AddSeconds(60));
        Assert.Equal(["x"], queue.TakeDue(T0.AddSeconds(2), 10));
        Assert.Equal(T0.AddSeconds(60), queue.NextDue);
    }
}
