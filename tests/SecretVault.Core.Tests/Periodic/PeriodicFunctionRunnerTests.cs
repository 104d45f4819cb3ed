using Microsoft.Extensions.Logging.Abstractions;
using SecretVault.Core.Periodic;
using SecretVault.Core.Routing;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;
using SecretVault.Testing.Plugins;

namespace SecretVault.Core.Tests.Periodic;

public sealed class PeriodicFunctionRunnerTests
{
    [Fact]
    public async Task RunOnce_CallsEveryMountWithItsStorage_AndOneFailureDoesNotStopTheOthers()
    {
        var failing = new CountingBackend(fail: true);
        var counting = new CountingBackend(fail: false);
        var failingView = new InMemoryStorage();
        var countingView = new InMemoryStorage();
        var router = new Router();
        router.Publish(new RouteTableSnapshot([new RouteEntry("a/", failing, failingView), new RouteEntry("b/", counting, countingView)]));
        var runner = new PeriodicFunctionRunner(router, TimeProvider.System, new PeriodicOptions(), NullLogger<PeriodicFunctionRunner>.Instance);

        await runner.RunOnceAsync();
        await runner.RunOnceAsync();

        Assert.Equal(2, failing.Calls);
        Assert.Equal(2, counting.Calls);
        Assert.Same(countingView, counting.LastStorage);
    }

    [Fact]
    public async Task Loop_RunsEachInterval_WhileUnsealed_AndStopsAtSeal()
    {
        var backend = new CountingBackend(fail: false);
        var router = new Router();
        router.Publish(new RouteTableSnapshot([new RouteEntry("a/", backend, new InMemoryStorage())]));
        var runner = new PeriodicFunctionRunner(router, TimeProvider.System, new PeriodicOptions { Interval = TimeSpan.FromMilliseconds(20) }, NullLogger<PeriodicFunctionRunner>.Instance);

        await runner.OnUnsealAsync(CancellationToken.None);
        for (var i = 0; i < 200 && backend.Calls < 3; i++)
        {
            await Task.Delay(10);
        }

        runner.OnSeal();
        await Task.Delay(100);
        var atSeal = backend.Calls;
        Assert.True(atSeal >= 3, $"expected at least 3 rounds, saw {atSeal}");
        await Task.Delay(200);
        Assert.Equal(atSeal, backend.Calls);
    }

    private sealed class CountingBackend(bool fail) : ILogicalBackend
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IStorage? LastStorage { get; private set; }

        public IReadOnlyList<string> UnauthenticatedPaths => [];

        public IReadOnlyList<string> RootPaths => [];

        public Task PeriodicAsync(IStorage storage, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            LastStorage = storage;
            return fail ? throw new InvalidOperationException("periodic failure") : Task.CompletedTask;
        }

        public Task<LogicalResponse?> HandleRequestAsync(LogicalRequest request, CancellationToken ct = default) => Task.FromResult<LogicalResponse?>(null);

        public Task<ExistenceCheckResult> ExistenceCheckAsync(LogicalRequest request, CancellationToken ct = default) => Task.FromResult(ExistenceCheckResult.NotChecked);
    }
}
