using System.Net;
using System.Net.Http.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Server;

/// <summary>The server as an operator runs it: the real binary, started with -dev or -config.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("sv-proc-");

    [Fact]
    public async Task Dev_StartsUnsealedInMemory_PrintsKeyAndChosenRootToken()
    {
        var port = FreePort.Next();
        await using var server = RunningProcess.StartDotnet(
            RepoPaths.ServerDll,
            ["server", "-dev", "-dev-root-token-id=dev-root", $"-dev-listen-address=127.0.0.1:{port}"],
            new Dictionary<string, string> { ["HOME"] = _temp.FullName });
        await server.WaitForOutputAsync("Root Token: dev-root", StartTimeout);
        Assert.Contains("Unseal Key: ", server.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"export VAULT_ADDR='http://127.0.0.1:{port}'", server.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("dev-root", await File.ReadAllTextAsync(Path.Combine(_temp.FullName, ".vault-token")));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var status = await JsonBody.ReadAsync(await http.GetAsync("v1/sys/seal-status"));
        Assert.False(status.GetProperty("sealed").GetBoolean());
        Assert.Equal(1, status.GetProperty("n").GetInt32());
        Assert.Equal("inmem", status.GetProperty("storage_type").GetString());
        using var keyStatus = await http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/sys/key-status", "dev-root"));
        Assert.Equal(HttpStatusCode.OK, keyStatus.StatusCode);

        // As vault -dev: secret/ is KV version 2.
        using var mount = await http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/sys/internal/ui/mounts/secret/app", "dev-root"));
        Assert.Equal("2", (await JsonBody.ReadAsync(mount)).GetProperty("data").GetProperty("options").GetProperty("version").GetString());
        using var write = await http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/secret/data/app", "dev-root", new { data = new { a = 1 } }));
        Assert.Equal(1, (await JsonBody.ReadAsync(write)).GetProperty("data").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Config_StartsSealedWithFileStorage()
    {
        var port = FreePort.Next();
        var config = WriteConfig($"""
            storage:
              file:
                path: {Path.Combine(_temp.FullName, "data")}
            listener:
              tcp:
                address: 127.0.0.1:{port}
                tls_disable: true
            log_level: warn
            """);
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);
        await server.WaitForOutputAsync("server started", StartTimeout);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var status = await JsonBody.ReadAsync(await http.GetAsync("v1/sys/seal-status"));
        Assert.False(status.GetProperty("initialized").GetBoolean());
        Assert.True(status.GetProperty("sealed").GetBoolean());
        Assert.Equal("file", status.GetProperty("storage_type").GetString());
        using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_temp.FullName, "data"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: true\nlog_lvl: info\n", "unknown key \"log_lvl\"")]
    [InlineData("storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: not-an-address\n    tls_disable: true\n", "listener.tcp.address")]
    [InlineData("storage:\n  file: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: true\n", "path")]
    public async Task Config_Bad_RefusesToStartNamingTheKey(string yaml, string expected)
    {
        var config = WriteConfig(yaml);
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);
        Assert.Equal(1, await server.WaitForExitAsync(StartTimeout));
        Assert.Contains(expected, server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_MissingFile_RefusesToStartNamingTheFile()
    {
        var missing = Path.Combine(_temp.FullName, "nope.yaml");
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", missing]);
        Assert.Equal(1, await server.WaitForExitAsync(StartTimeout));
        Assert.Contains(missing, server.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private string WriteConfig(string yaml)
    {
        var path = Path.Combine(_temp.FullName, Guid.NewGuid() + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
