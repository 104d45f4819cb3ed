using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretVault.Core;
using SecretVault.Core.Hosting;
using SecretVault.Core.Leases;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;
using SecretVault.Storage.Abstractions.InMemory;
using SecretVault.Testing.Plugins;
using SecretVault.Testing.Time;

namespace SecretVault.Testing.Hosting;

/// <summary>
/// The core without Kestrel: composed as the server composes it (<see cref="CoreServiceCollectionExtensions.AddSecretVaultCore"/>)
/// over in-memory storage and a <see cref="ManualTimeProvider"/>, initialized and unsealed through
/// <see cref="VaultLifecycle"/>, driven through the core's single entry point. Time moves only when the test moves it,
/// and <see cref="AdvanceAsync"/> runs the expirations that fall due, so lease tests need no sleeps.
/// </summary>
public sealed class CoreTestHost : IAsyncDisposable
{
    /// <summary>Pass as a token to send a request without one.</summary>
    public const string NoToken = "";

    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services;
    private readonly Action<IServiceCollection>? _configure;
    private readonly IReadOnlyList<byte[]> _unsealKeys;
    private int _disposed;

    private CoreTestHost(ServiceProvider services, Action<IServiceCollection>? configure, IPhysicalBackend storage, ManualTimeProvider clock, IReadOnlyList<byte[]> unsealKeys, string rootToken)
    {
        _services = services;
        _configure = configure;
        Storage = storage;
        Clock = clock;
        _unsealKeys = unsealKeys;
        RootToken = rootToken;
    }

    /// <summary>The root token init returned.</summary>
    public string RootToken { get; }

    /// <summary>The physical storage (kept across <see cref="RestartAsync"/>).</summary>
    public IPhysicalBackend Storage { get; }

    /// <summary>The core's clock.</summary>
    public ManualTimeProvider Clock { get; }

    /// <summary>The core's services, for a test that needs to reach a subsystem directly.</summary>
    public IServiceProvider Services => _services;

    /// <summary>
    /// Composes, initializes (one unseal key) and unseals a core. <paramref name="configure"/> runs before the core's
    /// registrations: plugin factories, and <see cref="ExpirationOptions"/> or other options that replace the defaults.
    /// </summary>
    public static async Task<CoreTestHost> StartAsync(Action<IServiceCollection>? configure = null, ManualTimeProvider? clock = null, CancellationToken ct = default)
    {
        var storage = new InMemoryBackend();
        clock ??= new ManualTimeProvider();
        var services = Compose(configure, storage, clock);
        var init = await services.GetRequiredService<VaultLifecycle>().InitializeAsync(1, 1, null, ct).ConfigureAwait(false);
        var host = new CoreTestHost(services, configure, storage, clock, init.Keys, init.RootToken);
        await host.UnsealAsync(ct).ConfigureAwait(false);
        return host;
    }

    /// <summary>
    /// Stops this core as a server stops (seal, dispose) and starts a new one over the same storage and clock, as a
    /// restart would; the new core is unsealed with the same keys. This host is unusable afterwards.
    /// </summary>
    public async Task<CoreTestHost> RestartAsync(CancellationToken ct = default)
    {
        await DisposeAsync().ConfigureAwait(false);
        var host = new CoreTestHost(Compose(_configure, Storage, Clock), _configure, Storage, Clock, _unsealKeys, RootToken);
        await host.UnsealAsync(ct).ConfigureAwait(false);
        return host;
    }

    /// <summary>Submits the unseal keys, then waits until the lease index is restored, so expiry runs see every lease.</summary>
    public async Task UnsealAsync(CancellationToken ct = default)
    {
        var lifecycle = _services.GetRequiredService<VaultLifecycle>();
        foreach (var key in _unsealKeys)
        {
            // The lifecycle takes over the buffer and zeroes it.
            await lifecycle.SubmitUnsealKeyAsync(key.ToArray(), ct).ConfigureAwait(false);
        }

        var expiration = _services.GetRequiredService<ExpirationManager>();
        var waited = Stopwatch.StartNew();
        // Polls a background task of the core, not the clock: the restore runs on the thread pool.
        while (expiration.RestoreDuration is null)
        {
            if (waited.Elapsed > RestoreTimeout)
            {
                throw new TimeoutException("the lease restore did not finish");
            }

            await Task.Delay(1, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Seals the core through its lifecycle.</summary>
    public Task SealAsync(CancellationToken ct = default) => _services.GetRequiredService<VaultLifecycle>().SealAsync(ct);

    /// <summary>A request as the HTTP edge builds it: a full path, the body's (or query's) members as data, the token (root unless given).</summary>
    public LogicalRequest Request(Operation operation, string path, object? body = null, string? token = null) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Operation = operation,
        Path = path,
        Data = body is null ? new Dictionary<string, global::System.Text.Json.JsonElement>() : PluginRequests.Parse(global::System.Text.Json.JsonSerializer.Serialize(body)),
        ClientToken = token ?? RootToken,
        RemoteAddress = "127.0.0.1",
    };

    /// <summary>Sends <paramref name="operation"/> on <paramref name="path"/> with <paramref name="body"/> as <paramref name="token"/> (root unless given).</summary>
    public Task<CoreResult> SendAsync(Operation operation, string path, object? body = null, string? token = null, CancellationToken ct = default) =>
        SendAsync(Request(operation, path, body, token), ct);

    /// <summary>Runs one request through the core's entry point; an error answers as the HTTP edge would map it.</summary>
    public async Task<CoreResult> SendAsync(LogicalRequest request, CancellationToken ct = default)
    {
        try
        {
            return CoreResult.From(request, await _services.GetRequiredService<RequestHandler>().HandleAsync(request, ct).ConfigureAwait(false));
        }
        catch (LogicalException error)
        {
            return CoreResult.From(error);
        }
    }

    /// <summary>Moves the clock forward by <paramref name="by"/> and runs every expiration now due.</summary>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken ct = default)
    {
        Clock.Advance(by);
        await RunExpiryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Revokes every lease due at the clock's time (waiting for a sweep the background loop has under way); returns how many it took.</summary>
    public Task<int> RunExpiryAsync(CancellationToken ct = default) => _services.GetRequiredService<ExpirationManager>().RevokeDueAsync(ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _services.GetRequiredService<VaultLifecycle>().SealAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    private static ServiceProvider Compose(Action<IServiceCollection>? configure, IPhysicalBackend storage, ManualTimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(storage);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        configure?.Invoke(services);
        services.AddSecretVaultCore(new VaultOptions { ClusterName = "core-test-host" });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
