using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using SecretVault.Server.Configuration;
using SecretVault.Server.Hosting;

namespace SecretVault.IntegrationTests.Fixtures;

/// <summary>
/// A real SecretVault server on Kestrel at 127.0.0.1 with an OS-chosen port, with in-memory or file
/// storage, and an HttpClient pointed at it.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly SecretVaultHost _host;

    private TestServer(SecretVaultHost host, string? dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = host.Address };
    }

    /// <summary>The server's base address, for example http://127.0.0.1:41234/.</summary>
    public Uri Address => _host.Address;

    /// <summary>A client with no token set.</summary>
    public HttpClient Http { get; }

    /// <summary>The file storage folder, when the server uses file storage.</summary>
    public string? DataDirectory { get; }

    /// <summary>The running host.</summary>
    public SecretVaultHost Host => _host;

    /// <summary>Starts an uninitialized server with in-memory storage; <paramref name="configure"/> changes its configuration file.</summary>
    public static Task<TestServer> StartInMemoryAsync(
        long maxRequestSize = 32 * 1024 * 1024, TimeProvider? time = null, Action<IServiceCollection>? services = null, Func<ServerConfig, ServerConfig>? configure = null) =>
        StartAsync(new StorageConfig("inmem", new Dictionary<string, string>()), null, maxRequestSize, time, services, configure);

    /// <summary>Starts a server with file storage in <paramref name="dataDirectory"/>.</summary>
    public static Task<TestServer> StartFileAsync(string dataDirectory, Action<IServiceCollection>? services = null) =>
        StartAsync(new StorageConfig("file", new Dictionary<string, string> { ["path"] = dataDirectory }), dataDirectory, 32 * 1024 * 1024, services: services);

    /// <summary>Registers the test-only <c>leased-test</c> secrets engine (leased credentials that record their revocations).</summary>
    public static void AddLeasedTestEngine(IServiceCollection services) =>
        services.AddSingleton<SecretVault.Sdk.Logical.ILogicalBackendFactory, SecretVault.Testing.Plugins.Leased.LeasedSecretsBackendFactory>();

    /// <summary>Registers the test-only <c>raw-test</c> secrets engine (raw bytes with their content type, and an unexpected failure).</summary>
    public static void AddRawTestEngine(IServiceCollection services) =>
        services.AddSingleton<SecretVault.Sdk.Logical.ILogicalBackendFactory, SecretVault.Testing.Plugins.Raw.RawBytesBackendFactory>();

    /// <summary>Initializes through the API and returns the shares (hex) and root token.</summary>
    public async Task<(IReadOnlyList<string> Keys, string RootToken)> InitAsync(int shares = 1, int threshold = 1)
    {
        using var response = await Http.PutAsJsonAsync("v1/sys/init", new { secret_shares = shares, secret_threshold = threshold });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var keys = body.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        return (keys, body.RootElement.GetProperty("root_token").GetString()!);
    }

    /// <summary>Submits one unseal key and returns the seal-status body.</summary>
    public async Task<JsonElement> UnsealAsync(string key)
    {
        using var response = await Http.PutAsJsonAsync("v1/sys/unseal", new { key });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Initializes with one share and unseals; returns the root token.</summary>
    public async Task<string> InitAndUnsealAsync()
    {
        var (keys, root) = await InitAsync();
        await UnsealAsync(keys[0]);
        return root;
    }

    /// <summary>A request with <paramref name="token"/> in X-Vault-Token.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.DisposeAsync();
    }

    private static async Task<TestServer> StartAsync(
        StorageConfig storage, string? dataDirectory, long maxRequestSize, TimeProvider? time = null, Action<IServiceCollection>? services = null, Func<ServerConfig, ServerConfig>? configure = null)
    {
        var config = new ServerConfig
        {
            Storage = storage,
            Listener = SecretVaultHost.LoopbackListener() with { MaxRequestSize = maxRequestSize },
            LogLevel = "warn",
        };
        config = configure?.Invoke(config) ?? config;
        return new TestServer(
            await SecretVaultHost.StartAsync(config, collection =>
            {
                if (time is not null)
                {
                    collection.Replace(ServiceDescriptor.Singleton(time));
                }

                services?.Invoke(collection);
            }),
            dataDirectory);
    }
}
