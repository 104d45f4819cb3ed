using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Fixtures;

/// <summary>
/// The built server as its own process on file storage, initialized with one share and unsealed, for tests that race
/// lifecycle transitions (seal, unseal, mount, unmount, remount) against many real clients.
/// </summary>
public sealed class ProcessVault : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly RunningProcess _server;
    private readonly string _unsealKey;

    private ProcessVault(DirectoryInfo folder, RunningProcess server, HttpClient http, string unsealKey, string rootToken)
    {
        _folder = folder;
        _server = server;
        _unsealKey = unsealKey;
        Http = http;
        RootToken = rootToken;
    }

    /// <summary>A client pointed at the server.</summary>
    public HttpClient Http { get; }

    /// <summary>The root token.</summary>
    public string RootToken { get; }

    /// <summary>The file storage folder.</summary>
    public string DataDirectory => Path.Combine(_folder.FullName, "data");

    /// <summary>Starts the server in a new temporary folder, initializes it with one share and unseals it.</summary>
    public static async Task<ProcessVault> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("sv-lifecycle-");
        var (config, http) = await ServerProcess.ConfigureAsync(folder.FullName, fileStorage: true);
        var server = await ServerProcess.StartAsync(config);
        using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
        var body = await JsonBody.ReadAsync(init);
        var vault = new ProcessVault(folder, server, http, body.GetProperty("keys")[0].GetString()!, body.GetProperty("root_token").GetString()!);
        await vault.UnsealAsync();
        return vault;
    }

    /// <summary>Sends one request with the root token and returns its status; a failed connection counts as 0.</summary>
    public async Task<int> StatusAsync(HttpMethod method, string path, object? body = null)
    {
        try
        {
            using var response = await Http.SendAsync(TestServer.Request(method, path, RootToken, body));
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>Sends one request with the root token, asserts its status and returns the parsed body.</summary>
    public Task<JsonElement> ExpectAsync(HttpMethod method, string path, object? body, HttpStatusCode expected) =>
        VaultHttp.ExpectAsync(Http, RootToken, method, path, body, expected);

    /// <summary>The keys of <c>data</c> in the answer to a read of <paramref name="path"/> (mount paths, policy names).</summary>
    public async Task<IReadOnlySet<string>> DataKeysAsync(string path)
    {
        var data = (await ExpectAsync(HttpMethod.Get, path, null, HttpStatusCode.OK)).GetProperty("data");
        return data.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array
            ? keys.EnumerateArray().Select(k => k.GetString()!).ToHashSet(StringComparer.Ordinal)
            : data.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Seals with the root token.</summary>
    public Task SealAsync() => ExpectAsync(HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);

    /// <summary>Unseals with the one share and asserts the server answers unsealed.</summary>
    public async Task UnsealAsync()
    {
        var status = await VaultHttp.ExpectAsync(Http, null, HttpMethod.Put, "v1/sys/unseal", new { key = _unsealKey }, HttpStatusCode.OK);
        Assert.False(status.GetProperty("sealed").GetBoolean(), "the server is still sealed after its one share");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
