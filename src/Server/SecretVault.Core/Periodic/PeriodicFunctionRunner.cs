using Microsoft.Extensions.Logging;
using SecretVault.Core.Barrier;
using SecretVault.Core.Routing;

namespace SecretVault.Core.Periodic;

/// <summary>
/// While unsealed, calls every mounted backend's periodic function once per <see cref="PeriodicOptions.Interval"/>,
/// one backend at a time, so scheduled plugin work (transit auto-rotation) needs no timer of its own.
/// </summary>
public sealed partial class PeriodicFunctionRunner : ILifecycleParticipant
{
    private readonly Router _router;
    private readonly TimeProvider _time;
    private readonly PeriodicOptions _options;
    private readonly ILogger<PeriodicFunctionRunner> _log;
    private CancellationTokenSource? _running;

    public PeriodicFunctionRunner(Router router, TimeProvider time, PeriodicOptions options, ILogger<PeriodicFunctionRunner> log)
    {
        _router = router;
        _time = time;
        _options = options;
        _log = log;
    }

    /// <inheritdoc />
    public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnUnsealAsync(CancellationToken ct)
    {
        var running = new CancellationTokenSource();
        _running = running;
        _ = Task.Run(() => RunAsync(running.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void OnSeal() => Interlocked.Exchange(ref _running, null)?.Cancel();

    /// <summary>Runs one round over the current route table (the loop does this each interval; tests call it to step).</summary>
    public async Task RunOnceAsync(CancellationToken ct = default)
    {
        foreach (var route in _router.Snapshot.Entries)
        {
            try
            {
                await route.Backend.PeriodicAsync(route.View, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or BarrierSealedException or OutOfMemoryException))
            {
                // One failing mount must not starve the others; the type only, as a message could carry input.
                LogFailed(_log, route.MountPoint, ex.GetType().Name);
            }
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.Interval, _time, ct).ConfigureAwait(false);
                await RunOnceAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or BarrierSealedException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "periodic: the periodic function of {MountPoint} failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string mountPoint, string exceptionType);
}
