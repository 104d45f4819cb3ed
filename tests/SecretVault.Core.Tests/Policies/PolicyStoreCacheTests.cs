using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;
using SecretVault.Testing.Plugins;

namespace SecretVault.Core.Tests.Policies;

public sealed class PolicyStoreCacheTests
{
    [Fact]
    public async Task ReadThatRacedWithAnUpdate_DoesNotCacheTheOldPolicy()
    {
        var storage = new ReadPausingStorage();
        var store = new PolicyStore(storage);
        await store.SetAsync("p", """path "secret/*" { capabilities = ["read"] }""");

        // A request reads the old policy text, then stalls; meanwhile the policy is narrowed.
        storage.PauseNextRead();
        var stale = store.GetAclAsync(["p"]);
        await storage.ReadStarted;
        await store.SetAsync("p", """path "secret/*" { capabilities = ["deny"] }""");
        storage.ResumeRead();
        Assert.True((await stale).Evaluate("secret/x", Operation.Read, null, isRootPath: false).Allowed);

        // The stalled read must not have left the old rules in the cache.
        var current = await store.GetAclAsync(["p"]);
        Assert.False(current.Evaluate("secret/x", Operation.Read, null, isRootPath: false).Allowed);
    }

    /// <summary>Storage whose next read takes its value at once but returns it only when resumed.</summary>
    private sealed class ReadPausingStorage : IStorage
    {
        private readonly InMemoryStorage _inner = new();
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _pauseArmed;

        public Task ReadStarted => _started.Task;

        public void PauseNextRead() => Volatile.Write(ref _pauseArmed, 1);

        public void ResumeRead() => _resume.SetResult();

        public async Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
        {
            var value = await _inner.GetAsync(key, ct);
            if (Interlocked.Exchange(ref _pauseArmed, 0) == 1)
            {
                _started.SetResult();
                await _resume.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            }

            return value;
        }

        public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default) => _inner.PutAsync(key, value, ct);

        public Task DeleteAsync(string key, CancellationToken ct = default) => _inner.DeleteAsync(key, ct);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => _inner.ListAsync(prefix, ct);
    }
}
