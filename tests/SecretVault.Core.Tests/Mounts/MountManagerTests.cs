using Microsoft.Extensions.Logging.Abstractions;
using SecretVault.Core.Mounts;
using SecretVault.Core.Routing;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;
using SecretVault.Testing.Plugins;
using SecretVault.Testing.Plugins.Leased;

namespace SecretVault.Core.Tests.Mounts;

/// <summary>Issue 15 items 1 and 9: the mount tables are only changed on top of the loaded ones, and an unmount leaves no data.</summary>
public sealed class MountManagerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly WritePausingStorage _storage = new();
    private readonly Router _router = new();
    private readonly MountManager _mounts;

    public MountManagerTests()
    {
        _mounts = new MountManager(_storage, new BackendCatalog([new LeasedSecretsBackendFactory()]), _router, TimeProvider.System, new VaultOptions(), NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task MountAsync_BeforeTheTablesAreLoaded_AnswersSealedAndKeepsTheStoredTable()
    {
        await _mounts.OnInitializeAsync(CancellationToken.None);
        _mounts.OnSeal();
        var stored = await _storage.GetAsync("core/mounts");

        var error = await Assert.ThrowsAsync<LogicalException>(() => _mounts.MountAsync(Request("app"), CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(stored, await _storage.GetAsync("core/mounts"));
    }

    [Fact]
    public async Task Snapshot_AfterSeal_AnswersSealedAndRoutingAnswersSealed()
    {
        await UnsealedAsync();
        _mounts.OnSeal();

        Assert.Equal(503, Assert.Throws<LogicalException>(() => _mounts.Snapshot).StatusCode);
        Assert.Equal(503, Assert.Throws<LogicalException>(() => _router.Route("app/x")).StatusCode);
    }

    [Fact]
    public async Task UnmountAsync_AWriteThroughTheRouteTakenBefore_IsRefusedAndNothingRemains()
    {
        await UnsealedAsync();
        await _mounts.MountAsync(Request("app"), CancellationToken.None);
        var route = _router.Route("app/x")!;
        await route.View.PutAsync("before", "1"u8.ToArray());

        await _mounts.UnmountAsync(BackendKind.Secret, "app", CancellationToken.None);

        var error = await Assert.ThrowsAsync<LogicalException>(() => route.View.PutAsync("after", "2"u8.ToArray()));
        Assert.Equal(404, error.StatusCode);
        Assert.Empty(await _storage.DumpAsync("logical/"));
    }

    [Fact]
    public async Task UnmountAsync_WithAWriteInsideStorage_WaitsForItThenDeletesIt()
    {
        await UnsealedAsync();
        await _mounts.MountAsync(Request("app"), CancellationToken.None);
        var route = _router.Route("app/x")!;
        _storage.PauseNextWrite();
        var write = route.View.PutAsync("slow", "1"u8.ToArray());
        await _storage.WriteStarted.WaitAsync(Timeout);

        var unmount = _mounts.UnmountAsync(BackendKind.Secret, "app", CancellationToken.None);
        for (var i = 0; i < 1000 && _router.Route("app/x") is not null; i++)
        {
            await Task.Delay(1);
        }

        // Routing has stopped; the unmount now waits for the write inside storage instead of deleting under it.
        Assert.Null(_router.Route("app/x"));
        await Task.WhenAny(unmount, Task.Delay(100));
        Assert.False(unmount.IsCompleted);
        _storage.ResumeWrite();
        await write.WaitAsync(Timeout);
        await unmount.WaitAsync(Timeout);

        Assert.Empty(await _storage.DumpAsync("logical/"));
    }

    [Fact]
    public async Task RemountAsync_AWriteThroughTheOldRoute_LandsInTheMovedMountsData()
    {
        await UnsealedAsync();
        await _mounts.MountAsync(Request("app"), CancellationToken.None);
        var route = _router.Route("app/x")!;

        await _mounts.RemountAsync("app", "moved", CancellationToken.None);
        await route.View.PutAsync("late", "1"u8.ToArray());

        Assert.Equal("1"u8.ToArray(), await _router.Route("moved/x")!.View.GetAsync("late"));
    }

    private async Task UnsealedAsync()
    {
        await _mounts.OnInitializeAsync(CancellationToken.None);
        _mounts.OnSeal();
        await _mounts.OnUnsealAsync(CancellationToken.None);
    }

    private static MountRequest Request(string path) => new() { Kind = BackendKind.Secret, Path = path, Type = LeasedSecretsBackendFactory.TypeName };

    /// <summary>Storage whose next write waits, before it stores its value, until resumed.</summary>
    private sealed class WritePausingStorage : IStorage
    {
        private readonly InMemoryStorage _inner = new();
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _pauseArmed;

        public Task WriteStarted => _started.Task;

        public void PauseNextWrite() => Volatile.Write(ref _pauseArmed, 1);

        public void ResumeWrite() => _resume.SetResult();

        public Task<IReadOnlyList<(string Key, byte[] Value)>> DumpAsync(string prefix) => _inner.DumpAsync(prefix);

        public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => _inner.GetAsync(key, ct);

        public async Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default)
        {
            if (Interlocked.Exchange(ref _pauseArmed, 0) == 1)
            {
                _started.SetResult();
                await _resume.Task.WaitAsync(Timeout, ct);
            }

            await _inner.PutAsync(key, value, ct);
        }

        public Task DeleteAsync(string key, CancellationToken ct = default) => _inner.DeleteAsync(key, ct);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => _inner.ListAsync(prefix, ct);
    }
}
