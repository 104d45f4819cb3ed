using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
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

namespace SecretVault.Server.Hosting;

/// <summary>A running server: Kestrel on the configured listener in front of the core.</summary>
public sealed class SecretVaultHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SecretVaultHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address the listener is bound to (the real port when the configuration asked for port 0).</summary>
    public Uri Address { get; }

    /// <summary>The server's services (tests reach the core through them).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The lifecycle, for dev mode and tests.</summary>
    public VaultLifecycle Lifecycle => _app.Services.GetRequiredService<VaultLifecycle>();

    /// <summary>Builds and starts the server.</summary>
    public static async Task<SecretVaultHost> StartAsync(ServerConfig config, Action<IServiceCollection>? configureServices = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevelOf(config.LogLevel));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // RequestBodyReader enforces max_request_size itself; Kestrel's cap leaves room for its drain.
            kestrel.Limits.MaxRequestBodySize = config.Listener.MaxRequestSize + Http.RequestBodyReader.DrainAllowance;
            foreach (var listener in config.Listeners)
            {
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

                    ConfigureTls(listen, listener);
                });
            }
        });
        builder.Services.AddSecretVault(config);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();

        // Resolving the whole graph now makes storage configuration errors stop the server at start-up.
        var endpoint = app.Services.GetRequiredService<VaultApiEndpoint>();
        app.Run(context => context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal)
            ? endpoint.InvokeAsync(context)
            : ResponseWriter.WriteErrorAsync(context, new Sdk.Logical.LogicalException(404, "")));

        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SecretVaultHost(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
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
    }

    private static void ConfigureTls(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, ListenerConfig listener)
    {
        if (listener.TlsDisable)
        {
            return;
        }

        var certificate = ListenerCertificate.Load(listener);
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            https.SslProtocols = listener.TlsMinVersion == "tls13" ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13;
            ClientCertificates.Configure(https, listener);
        });
    }

    private static LogLevel LogLevelOf(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "off" => LogLevel.None,
        _ => LogLevel.Information,
    };

    /// <summary>A listener on 127.0.0.1 with a port chosen by the OS, for tests.</summary>
    public static ListenerConfig LoopbackListener() => new() { Address = new IPEndPoint(IPAddress.Loopback, 0), TlsDisable = true };
}
