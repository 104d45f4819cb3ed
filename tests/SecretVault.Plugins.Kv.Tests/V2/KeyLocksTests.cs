using SecretVault.Plugins.Kv.V2;

namespace SecretVault.Plugins.Kv.Tests.V2;

public sealed class KeyLocksTests
{
    [Fact]
    public async Task SameKey_WaitsForTheHolder()
    {
        var locks = new KeyLocks();
        var held = await locks.AcquireAsync("a", CancellationToken.None);
        var second = locks.AcquireAsync("a", CancellationToken.None);
        Assert.False(second.IsCompleted);
        held.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task OtherKeys_AreNotBlockedByAHeldKey()
    {
        var locks = new KeyLocks(stripes: 256);
        using var held = await locks.AcquireAsync("a", CancellationToken.None);
        var others = Enumerable.Range(0, 100).Select(i => $"key-{i}").Select(k => locks.AcquireAsync(k, CancellationToken.None)).ToList();

        // With 256 stripes about 80 of 100 other keys land on a stripe nobody holds and are granted at once;
        // a global lock would grant none.
        Assert.True(others.Count(t => t.IsCompletedSuccessfully) >= 50);
        held.Dispose();
        foreach (var other in others)
        {
            using var _ = await other.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }
}
