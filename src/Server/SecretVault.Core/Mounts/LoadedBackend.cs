using Microsoft.Extensions.Logging;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Mounts;

/// <summary>
/// A plugin's backend for one load of its mount, as the route table holds it: its initialize step starts once, when
/// the backend is first published, and every request, existence check and periodic call waits for it. After a failed
/// step the mount answers 500 naming itself, and the plugin is unloaded; unload runs once whatever calls it.
/// </summary>
public sealed partial class LoadedBackend : ILogicalBackend
{
    private readonly ILogicalBackend _plugin;
    private readonly string _mountPoint;
    private readonly ILogger _log;
    private readonly TaskCompletionSource<bool> _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<Task> _unloaded;
    private int _initializeClaimed;
    private Exception? _initializeFailure;

    public LoadedBackend(ILogicalBackend plugin, string mountPoint, ILogger log)
    {
        _plugin = plugin;
        _mountPoint = mountPoint;
        _log = log;
        _unloaded = new Lazy<Task>(UnloadPluginAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The plugin's own backend.</summary>
    public ILogicalBackend Plugin => _plugin;

    /// <summary>Completes when the initialize step has run: true when it succeeded, false when it failed or never will.</summary>
    public Task<bool> Initialized => _initialized.Task;

    /// <inheritdoc />
    public IReadOnlyList<string> UnauthenticatedPaths => _plugin.UnauthenticatedPaths;

    /// <inheritdoc />
    public IReadOnlyList<string> RootPaths => _plugin.RootPaths;

    /// <summary>Starts the initialize step with <paramref name="storage"/> unless it was started (or the backend unloaded) already.</summary>
    public void StartInitialize(IStorage storage)
    {
        if (Interlocked.Exchange(ref _initializeClaimed, 1) == 0)
        {
            // Not awaited by the load: one slow or hanging plugin must not hold up unseal or the other mounts.
            _ = RunInitializeAsync(storage);
        }
    }

    /// <inheritdoc />
    public Task InitializeAsync(InitializationContext context, CancellationToken ct)
    {
        StartInitialize(context.Storage);
        return _initialized.Task.WaitAsync(ct);
    }

    /// <inheritdoc />
    public async ValueTask UnloadAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _initializeClaimed, 1) == 0)
        {
            _initialized.TrySetResult(false);
        }

        // A plugin is unloaded only once its initialize step has finished, never in the middle of it.
        await _initialized.Task.WaitAsync(ct).ConfigureAwait(false);
        await _unloaded.Value.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<LogicalResponse?> HandleRequestAsync(LogicalRequest request, CancellationToken ct = default)
    {
        await EnsureInitializedAsync(ct).ConfigureAwait(false);
        return await _plugin.HandleRequestAsync(request, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ExistenceCheckResult> ExistenceCheckAsync(LogicalRequest request, CancellationToken ct = default)
    {
        // The check runs before the ACL: a failed mount is reported by the handler, after the ACL, so a caller without
        // rights learns nothing about it.
        return await _initialized.Task.WaitAsync(ct).ConfigureAwait(false)
            ? await _plugin.ExistenceCheckAsync(request, ct).ConfigureAwait(false)
            : ExistenceCheckResult.NotChecked;
    }

    /// <inheritdoc />
    public Task PeriodicAsync(IStorage storage, CancellationToken ct) =>
        _initialized.Task is { IsCompletedSuccessfully: true, Result: true } ? _plugin.PeriodicAsync(storage, ct) : Task.CompletedTask;

    /// <inheritdoc />
    public string? LeaseTypeIssuedBy(LogicalRequest request) => _plugin.LeaseTypeIssuedBy(request);

    /// <inheritdoc />
    public string? LoginAliasOf(LogicalRequest request) => _plugin.LoginAliasOf(request);

    /// <inheritdoc />
    public string? NormalizedPathOf(string path) => _plugin.NormalizedPathOf(path);

    private async Task EnsureInitializedAsync(CancellationToken ct)
    {
        if (!await _initialized.Task.WaitAsync(ct).ConfigureAwait(false))
        {
            // A seal that caught the step mid-way is answered as sealed. The plugin's own message may hold a connection
            // string or a secret: it goes to the log only.
            throw Volatile.Read(ref _initializeFailure) is LogicalException { StatusCode: 503 }
                ? LogicalException.Sealed()
                : new LogicalException(500, $"error initializing mount \"{_mountPoint}\"");
        }
    }

    private async Task RunInitializeAsync(IStorage storage)
    {
        try
        {
            await _plugin.InitializeAsync(new InitializationContext { Storage = storage }, CancellationToken.None).ConfigureAwait(false);
            _initialized.TrySetResult(true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogInitializeFailed(_log, _mountPoint, ex);
            Volatile.Write(ref _initializeFailure, ex);
            _initialized.TrySetResult(false);
            await _unloaded.Value.ConfigureAwait(false);
        }
    }

    private async Task UnloadPluginAsync()
    {
        try
        {
            await _plugin.UnloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One backend failing to clean up must not keep the others' keys in memory: unloads never throw.
            LogUnloadFailed(_log, _mountPoint, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "error initializing mount {MountPoint}: it answers 500 until it is loaded again")]
    private static partial void LogInitializeFailed(ILogger logger, string mountPoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "error unloading the backend of mount {MountPoint}")]
    private static partial void LogUnloadFailed(ILogger logger, string mountPoint, Exception exception);
}
