using Microsoft.Extensions.Logging.Abstractions;
using SecretVault.Core.Lockout;
using SecretVault.Testing.Plugins;
using SecretVault.Testing.Time;

namespace SecretVault.Core.Tests.Lockout;

public sealed class LockoutTrackerTests
{
    private const string Mount = "auth_userpass_0123abcd";
    private const string WrongPassword = "invalid username or password";

    private static readonly LockoutPolicy Policy = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10));

    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryStorage _storage = new();

    [Fact]
    public async Task FifthFailure_LocksTheAlias_WithTheErrorOfAWrongCredential()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 4);
        Assert.Null(tracker.LockedError(Mount, "alice"));

        await FailAsync(tracker, "alice", 1);
        var locked = tracker.LockedError(Mount, "alice");
        Assert.NotNull(locked);
        Assert.Equal(400, locked.StatusCode);
        Assert.Equal([WrongPassword], locked.Errors);
        Assert.True(locked.IsInvalidCredentials);
        Assert.Equal(["alice"], tracker.LockedAliases(Mount));
    }

    [Fact]
    public async Task Lock_EndsWhenTheDurationHasPassed()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 5);
        _time.Advance(Policy.Duration - TimeSpan.FromSeconds(1));
        Assert.NotNull(tracker.LockedError(Mount, "alice"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(tracker.LockedError(Mount, "alice"));
        Assert.Empty(tracker.LockedAliases(Mount));
    }

    [Fact]
    public async Task Count_StartsAgainAfterTheCounterResetSinceTheLastFailure()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 4);
        _time.Advance(Policy.CounterReset);
        await FailAsync(tracker, "alice", 4);
        Assert.Null(tracker.LockedError(Mount, "alice"));

        // Just inside the reset period the count goes on.
        _time.Advance(Policy.CounterReset - TimeSpan.FromSeconds(1));
        await FailAsync(tracker, "alice", 1);
        Assert.NotNull(tracker.LockedError(Mount, "alice"));
    }

    [Fact]
    public async Task Success_StartsTheCountAgain()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 4);
        await tracker.RecordSuccessAsync(Mount, "alice");
        await FailAsync(tracker, "alice", 4);
        Assert.Null(tracker.LockedError(Mount, "alice"));
    }

    [Fact]
    public async Task Unlock_RemovesTheLockAndItsStoredEntry_AndTheCount()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 5);
        Assert.NotEmpty(await StoredKeysAsync());

        await tracker.UnlockAsync(Mount, "alice", CancellationToken.None);
        Assert.Null(tracker.LockedError(Mount, "alice"));
        Assert.Empty(await StoredKeysAsync());
        await FailAsync(tracker, "alice", 4);
        Assert.Null(tracker.LockedError(Mount, "alice"));

        // Unlocking what is not locked is not an error.
        await tracker.UnlockAsync(Mount, "nobody", CancellationToken.None);
    }

    [Fact]
    public async Task Lock_IsRestoredAfterSealAndUnseal_AndAnExpiredOneIsDeleted()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 5);
        _time.Advance(TimeSpan.FromMinutes(10));
        await FailAsync(tracker, "bob", 5);
        tracker.OnSeal();
        Assert.Null(tracker.LockedError(Mount, "bob"));

        _time.Advance(TimeSpan.FromMinutes(6));
        var restarted = NewTracker();
        await restarted.OnUnsealAsync(CancellationToken.None);
        Assert.Equal([WrongPassword], restarted.LockedError(Mount, "bob")?.Errors);
        Assert.Null(restarted.LockedError(Mount, "alice"));
        Assert.Single(await StoredKeysAsync());
    }

    [Fact]
    public async Task Success_AfterALockRanOut_DeletesTheStoredEntry()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 5);
        _time.Advance(Policy.Duration);
        await tracker.RecordSuccessAsync(Mount, "alice");
        Assert.Empty(await StoredKeysAsync());
    }

    [Fact]
    public async Task Aliases_AreCountedPerMount()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 5);
        Assert.Null(tracker.LockedError("auth_userpass_other", "alice"));
        Assert.Empty(tracker.LockedAliases("auth_userpass_other"));
    }

    [Fact]
    public async Task ConcurrentFailures_AreAllCounted()
    {
        var tracker = NewTracker();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => tracker.RecordFailureAsync(Mount, "alice", Policy, WrongPassword))));
        Assert.NotNull(tracker.LockedError(Mount, "alice"));
        Assert.Single(await StoredKeysAsync());
    }

    [Fact]
    public async Task StoredEntry_IsKeyedByAHash_NotTheAlias()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "../../x/alice", 5);
        var key = Assert.Single(await StoredKeysAsync());
        Assert.Matches("^[0-9a-f]{64}$", key);
    }

    [Fact]
    public async Task ManyNewAliases_SweepStaleEntries_AndTheStoredLocksThatRanOut()
    {
        var tracker = NewTracker();
        await FailAsync(tracker, "alice", 5);
        _time.Advance(Policy.Duration);
        for (var i = 0; i < 1024; i++)
        {
            await tracker.RecordFailureAsync(Mount, $"user-{i}", Policy, WrongPassword);
        }

        Assert.Empty(await StoredKeysAsync());
    }

    private LockoutTracker NewTracker() => new(_storage, _time, NullLogger<LockoutTracker>.Instance);

    private static async Task FailAsync(LockoutTracker tracker, string alias, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await tracker.RecordFailureAsync(Mount, alias, Policy, WrongPassword);
        }
    }

    private Task<IReadOnlyList<string>> StoredKeysAsync() => _storage.ListAsync($"core/login/lockedUsers/{Mount}/");
}
