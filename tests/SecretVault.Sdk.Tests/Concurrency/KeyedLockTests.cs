using SecretVault.Sdk.Concurrency;

namespace SecretVault.Sdk.Tests.Concurrency;

public sealed class KeyedLockTests
{
    [Fact]
    public async Task AcquireAsync_SameKey_WaitsForTheHolder()
    {
        var locks = new KeyedLock(64);
        var held = await locks.AcquireAsync("a");
        var second = locks.AcquireAsync("a").AsTask();

        Assert.False(second.IsCompleted);
        held.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_KeyOnAnotherStripe_ProceedsWhileOneIsHeld()
    {
        var locks = new KeyedLock(64);
        var other = Enumerable.Range(0, 1000).Select(i => $"key-{i}").First(k => locks.StripeOf(k) != locks.StripeOf("a"));
        using var held = await locks.AcquireAsync("a");

        var second = locks.AcquireAsync(other);

        Assert.True(second.IsCompletedSuccessfully);
        (await second).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_ManyKeys_AllButThoseSharingTheHeldStripeProceed()
    {
        var locks = new KeyedLock(256);
        using var held = await locks.AcquireAsync("a");
        var granted = 0;
        foreach (var key in Enumerable.Range(0, 100).Select(i => $"key-{i}"))
        {
            var attempt = locks.AcquireAsync(key);
            if (attempt.IsCompletedSuccessfully)
            {
                granted++;
                (await attempt).Dispose();
            }
        }

        // A global lock would grant none; striped, only keys on "a"'s stripe wait.
        Assert.Equal(100 - Enumerable.Range(0, 100).Count(i => locks.StripeOf($"key-{i}") == locks.StripeOf("a")), granted);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_ReleasesNothingItDidNotTake()
    {
        var locks = new KeyedLock(1);
        var held = await locks.AcquireAsync("a");
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("a", cancel.Token).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // Had the cancelled wait released the stripe, this acquire would be granted while "a" is still held.
        var third = locks.AcquireAsync("a").AsTask();
        Assert.False(third.IsCompleted);
        held.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task AcquireAll_WaitsForEveryHolder_AndBlocksNewOnes()
    {
        var locks = new KeyedLock(8);
        var held = await locks.AcquireAsync("a");
        var all = Task.Run(locks.AcquireAll);
        await Task.Delay(50);
        Assert.False(all.IsCompleted);

        held.Dispose();
        var everything = await all.WaitAsync(TimeSpan.FromSeconds(5));
        var after = locks.AcquireAsync("b").AsTask();
        Assert.False(after.IsCompleted);
        everything.Dispose();
        (await after.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Releaser_Default_ReleasesNothing()
    {
        var locks = new KeyedLock(1);
        default(KeyedLockReleaser).Dispose();

        using var held = await locks.AcquireAsync("a");
        Assert.False(locks.AcquireAsync("a").IsCompleted);
    }
}
