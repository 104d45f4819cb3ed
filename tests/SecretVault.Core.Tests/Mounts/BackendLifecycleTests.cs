using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretVault.Core.Mounts;
using SecretVault.Core.Routing;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;
using SecretVault.Testing.Plugins.Leased;
using SecretVault.Testing.Plugins.Lifecycle;

namespace SecretVault.Core.Tests.Mounts;

/// <summary>Issue 17 item 2: what a mounted backend is given, its initialize step before the first request, and its unload.</summary>
public sealed class BackendLifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly InMemoryStorage _storage = new();
    private readonly Router _router = new();
    private readonly LifecycleProbeBackendFactory _probes = new();
    private readonly CategoryRecorder _loggers = new();
    private readonly MountManager _mounts;

    public BackendLifecycleTests()
    {
        var options = new VaultOptions { DefaultLeaseTtl = TimeSpan.FromHours(1), MaxLeaseTtl = TimeSpan.FromHours(10) };
        _mounts = new MountManager(_storage, new BackendCatalog([_probes, new LeasedSecretsBackendFactory()]), _router, TimeProvider.System, options, _loggers);
    }

    [Fact]
    public async Task Mount_GivesTheBackendItsUuidAccessorLoggerAndTheSystemTtls()
    {
        await UnsealedAsync();

        await MountAsync("team/probe");

        var entry = _mounts.Snapshot.Find(BackendKind.Secret, "team/probe/")!;
        var context = Assert.Single(_probes.Created).Context;
        Assert.Equal(entry.Uuid, context.MountUuid);
        Assert.Equal(entry.Accessor, context.MountAccessor);
        Assert.Contains(_loggers.Categories, c => c.Contains(LifecycleProbeBackendFactory.TypeName, StringComparison.Ordinal) && c.Contains("team/probe/", StringComparison.Ordinal));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(10)), (context.Ttls.DefaultLeaseTtl, context.Ttls.MaxLeaseTtl));
    }

    [Fact]
    public async Task Tune_ReachesTheRunningBackendsTtls_WithoutAReload()
    {
        await UnsealedAsync();
        await MountAsync("probe");
        var backend = Assert.Single(_probes.Created);

        await _mounts.UpdateAsync(BackendKind.Secret, "probe", e => e with { Config = e.Config with { DefaultLeaseTtl = 120, MaxLeaseTtl = 600 } }, CancellationToken.None);

        Assert.Same(backend, Assert.Single(_probes.Created));
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)), (backend.Context.Ttls.DefaultLeaseTtl, backend.Context.Ttls.MaxLeaseTtl));
    }

    [Fact]
    public async Task FirstRequest_WaitsForTheInitializeStep_WhichRanOnceWithTheMountsStorage()
    {
        await UnsealedAsync();
        await MountAsync("probe", ("hold_initialize", "true"));
        var backend = Assert.Single(_probes.Created);
        var route = _router.Route("probe/state")!;

        var read = route.Backend.HandleRequestAsync(PluginRequests.Make(route.View, "probe/", Operation.Read, "state"));
        await Task.WhenAny(read, Task.Delay(100));
        Assert.False(read.IsCompleted);

        backend.ReleaseInitialize();
        var state = (await read.WaitAsync(Timeout))!.Data!;

        Assert.Equal(1, state["initialize_calls"]);
        Assert.Equal(0, state["requests_before_initialized"]);
        Assert.Equal(true, state["marker_visible"]);
    }

    [Fact]
    public async Task FailedInitialize_AnswersA500NamingTheMount_UnloadsIt_AndOtherMountsServe()
    {
        await UnsealedAsync();
        await MountAsync("broken", ("fail_initialize", "true"));
        await MountAsync("good");
        var broken = _router.Route("broken/state")!;

        var error = await Assert.ThrowsAsync<LogicalException>(() => broken.Backend.HandleRequestAsync(PluginRequests.Make(broken.View, "broken/", Operation.Read, "state")));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal(["error initializing mount \"broken/\""], error.Errors);
        Assert.Equal(ExistenceCheckResult.NotChecked, await broken.Backend.ExistenceCheckAsync(PluginRequests.Make(broken.View, "broken/", Operation.Update, "state")));
        await _probes.CreatedFor("broken/")[0].Unloaded.WaitAsync(Timeout);
        var good = _router.Route("good/state")!;
        Assert.NotNull(await good.Backend.HandleRequestAsync(PluginRequests.Make(good.View, "good/", Operation.Read, "state")));
    }

    [Fact]
    public async Task Unmount_HasUnloadedTheBackend_WhenItReturns()
    {
        await UnsealedAsync();
        await MountAsync("probe");
        var backend = Assert.Single(_probes.Created);

        await _mounts.UnmountAsync(BackendKind.Secret, "probe", CancellationToken.None);

        Assert.Equal(1, backend.UnloadCalls);
    }

    [Fact]
    public async Task Seal_UnloadsEachBackendOnce_AndUnsealInitializesNewOnes()
    {
        await UnsealedAsync();
        await MountAsync("probe");
        await MountAsync("broken", ("fail_initialize", "true"));
        var before = _probes.Created;
        await before[1].Unloaded.WaitAsync(Timeout);

        _mounts.OnSeal();
        await Task.WhenAll(before.Select(b => b.Unloaded)).WaitAsync(Timeout);
        await _mounts.OnUnsealAsync(CancellationToken.None);
        var route = _router.Route("probe/state")!;
        await route.Backend.HandleRequestAsync(PluginRequests.Make(route.View, "probe/", Operation.Read, "state"));

        Assert.All(before, b => Assert.Equal(1, b.UnloadCalls));
        var after = _probes.CreatedFor("probe/");
        Assert.Equal(2, after.Count);
        Assert.Equal(1, after[1].InitializeCalls);
    }

    [Fact]
    public async Task TuneOfOptions_UnloadsTheOldBackend_AndInitializesTheNewOne()
    {
        await UnsealedAsync();
        await MountAsync("probe");
        var old = Assert.Single(_probes.Created);

        await _mounts.UpdateAsync(BackendKind.Secret, "probe", e => e with { Options = new Dictionary<string, string> { ["fail_initialize"] = "true" } }, CancellationToken.None);
        var route = _router.Route("probe/state")!;
        var error = await Assert.ThrowsAsync<LogicalException>(() => route.Backend.HandleRequestAsync(PluginRequests.Make(route.View, "probe/", Operation.Read, "state")));

        Assert.Equal(1, old.UnloadCalls);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(1, _probes.Created[1].InitializeCalls);
    }

    [Fact]
    public async Task Unseal_WithAMountWhosePluginIsGone_Succeeds_AndOnlyThatMountAnswers500()
    {
        await UnsealedAsync();
        await MountAsync("gone");
        await _mounts.MountAsync(new MountRequest { Kind = BackendKind.Secret, Path = "stays", Type = LeasedSecretsBackendFactory.TypeName }, CancellationToken.None);
        _mounts.OnSeal();
        var router = new Router();
        var withoutThePlugin = new MountManager(_storage, new BackendCatalog([new LeasedSecretsBackendFactory()]), router, TimeProvider.System, new VaultOptions(), NullLoggerFactory.Instance);

        await withoutThePlugin.OnUnsealAsync(CancellationToken.None);

        var gone = router.Route("gone/state")!;
        var error = await Assert.ThrowsAsync<LogicalException>(() => gone.Backend.HandleRequestAsync(PluginRequests.Make(gone.View, "gone/", Operation.Read, "state")));
        Assert.Equal(["error initializing mount \"gone/\""], error.Errors);
        var stays = router.Route("stays/stats")!;
        Assert.NotNull(await stays.Backend.HandleRequestAsync(PluginRequests.Make(stays.View, "stays/", Operation.Read, "stats")));
    }

    private async Task UnsealedAsync()
    {
        await _mounts.OnInitializeAsync(CancellationToken.None);
        _mounts.OnSeal();
        await _mounts.OnUnsealAsync(CancellationToken.None);
    }

    private Task MountAsync(string path, params (string Key, string Value)[] options) => _mounts.MountAsync(new MountRequest
    {
        Kind = BackendKind.Secret,
        Path = path,
        Type = LifecycleProbeBackendFactory.TypeName,
        Options = options.ToDictionary(o => o.Key, o => o.Value),
    }, CancellationToken.None);

    /// <summary>Records the category of every logger created.</summary>
    private sealed class CategoryRecorder : ILoggerFactory
    {
        private readonly List<string> _categories = [];

        public IReadOnlyList<string> Categories
        {
            get
            {
                lock (_categories)
                {
                    return [.. _categories];
                }
            }
        }

        public ILogger CreateLogger(string categoryName)
        {
            lock (_categories)
            {
                _categories.Add(categoryName);
            }

            return NullLogger.Instance;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
