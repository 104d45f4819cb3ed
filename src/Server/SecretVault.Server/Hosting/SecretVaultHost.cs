using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecretVault.Core;
using SecretVault.Server.Configuration;
using SecretVault.Server.Http;
using SecretVault.Server.Logging;

namespace SecretVault.Server.Hosting;

/// <summary>A running server: Kestrel on the configured listener in front of the core.</summary>
public sealed class SecretVaultHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerLog? _ownLog;

    private SecretVaultHost(WebApplication app, Uri address, ServerLog? ownLog)
    {
        _app = app;
        Address = address;
        _ownLog = ownLog;
    }

    /// <summary>The address the listener is bound to (the real port when the configuration asked for port 0).</summary>
    public Uri Address { get; }

    /// <summary>The server's services (tests reach the core through them).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The lifecycle, for dev mode and tests.</summary>
    public VaultLifecycle Lifecycle => _app.Services.GetRequiredService<VaultLifecycle>();

    /// <summary>Reloads the TLS certificate and the log level (what SIGHUP does).</summary>
    public ServerReloader Reloader => _app.Services.GetRequiredService<ServerReloader>();

    /// <summary>Builds and starts the server, logging to standard error as <paramref name="config"/> says.</summary>
    public static async Task<SecretVaultHost> StartAsync(ServerConfig config, Action<IServiceCollection>? configureServices = null, CancellationToken ct = default)
    {
        var log = new ServerLog(config, Console.Error, gated: false);
        try
        {
            return await StartAsync(config, log, configureServices, ownsLog: true, ct).ConfigureAwait(false);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>Builds and starts the server with logging the caller set up (and disposes).</summary>
    /// <exception cref="ConfigException">A setting stopped the start: the message names it.</exception>
    public static Task<SecretVaultHost> StartAsync(ServerConfig config, ServerLog log, CancellationToken ct = default) =>
        StartAsync(config, log, null, ownsLog: false, ct);

    private static async Task<SecretVaultHost> StartAsync(ServerConfig config, ServerLog log, Action<IServiceCollection>? configureServices, bool ownsLog, CancellationToken ct)
    {
        // One reloadable certificate per listener, in the order of config.Listeners (SIGHUP reloads each from its listener).
        var certificates = config.Listeners.Select(l => l.TlsDisable ? null : new ServerCertificate(ListenerCertificate.Load(l))).ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log.Provider);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter(log.Filter);

        // The listener comes from our configuration alone: ASPNETCORE_HTTP_PORTS, set in the .NET container images,
        // would otherwise make Kestrel warn "Overriding address(es)" at every start. (An ASPNETCORE_URLS the operator
        // sets still draws Kestrel's warning that it is ignored.)
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // RequestBodyReader enforces max_request_size itself; Kestrel's cap leaves room for its drain.
            kestrel.Limits.MaxRequestBodySize = config.Listener.MaxRequestSize + Http.RequestBodyReader.DrainAllowance;
            var listeners = config.Listeners.ToList();
            for (var index = 0; index < listeners.Count; index++)
            {
                var listener = listeners[index];
                kestrel.Listen(listener.Address, listen =>
                {
                    // Requests read their listener's X-Forwarded-For settings from the connection (ClientAddress).
                    if (listener.ForwardedFor is { } forwardedFor)
                    {
                        listen.Use(next => connection =>
                        {
                            connection.Features.Set(forwardedFor);
                            return next(connection);
                        });
                    }

                    ConfigureTls(listen, listener, certificates[index]);
                });
            }
        });
        builder.Services.AddSecretVault(config);
        builder.Services.AddSingleton(sp => new ServerReloader(certificates, log, sp.GetRequiredService<ILogger<ServerReloader>>()));
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            // Resolving the whole graph now makes storage configuration errors stop the server at start-up.
            var endpoint = ResolveStorage(app.Services, config.Storage);
            app.Run(context => context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal)
                ? endpoint.InvokeAsync(context)
                : ResponseWriter.WriteErrorAsync(context, new Sdk.Logical.LogicalException(404, "")));

            await StartListenerAsync(app, config.Listener, ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SecretVaultHost(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), ownsLog ? log : null);
    }

    private static VaultApiEndpoint ResolveStorage(IServiceProvider services, StorageConfig storage)
    {
        try
        {
            return services.GetRequiredService<VaultApiEndpoint>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var setting = storage.Settings.ContainsKey("path") ? $"storage.{storage.Type}.path" : $"storage.{storage.Type}";
            throw new ConfigException($"error initializing storage of type {storage.Type} ({setting}): {ex.Message}", ex);
        }
    }

    private static async Task StartListenerAsync(WebApplication app, ListenerConfig listener, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel's message names the address and the cause ("address already in use"); say which setting it was.
            var cause = ex.InnerException?.Message ?? ex.Message;
            throw new ConfigException($"error initializing listener of type tcp (listener.tcp.address {listener.Address}): {cause}", ex);
        }
    }

    /// <summary>Runs until the process is asked to stop.</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);

        // Shutting down seals, as Vault does: keys are zeroed and background work (lease expiry, periodic functions)
        // stops, instead of running on against storage after the host is gone.
        var lifecycle = _app.Services.GetRequiredService<VaultLifecycle>();
        if (!lifecycle.Sealed)
        {
            await lifecycle.SealAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _ownLog?.Dispose();
    }

    private static void ConfigureTls(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, ListenerConfig listener, ServerCertificate? certificate)
    {
        if (certificate is null)
        {
            return;
        }

        listen.UseHttps(https =>
        {
            // Asked at each handshake, so a certificate reloaded on SIGHUP serves the next connection.
            https.ServerCertificateSelector = (_, _) => certificate.Current;
            https.SslProtocols = listener.TlsMinVersion == "tls13" ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13;
            ClientCertificates.Configure(https, listener);
        });
    }

    /// <summary>A listener on 127.0.0.1 with a port chosen by the OS, for tests.</summary>
    public static ListenerConfig LoopbackListener() => new() { Address = new IPEndPoint(IPAddress.Loopback, 0), TlsDisable = true };
}
