using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Server;

/// <summary>The real server's output as an operator reads it: Vault's banner, Vault's log lines, one-line start errors.</summary>
public sealed partial class ServerLoggingTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("sv-logs-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task Dev_PrintsVaultsBannerBeforeKeys_ThenLogLinesWithTimestampAndLevel()
    {
        var port = FreePort.Next();
        await using var server = RunningProcess.StartDotnet(
            RepoPaths.ServerDll,
            ["server", "-dev", "-dev-root-token-id=root", $"-dev-listen-address=127.0.0.1:{port}"],
            new Dictionary<string, string> { ["HOME"] = _temp.FullName, ["ASPNETCORE_HTTP_PORTS"] = "8080" });
        await server.WaitForOutputAsync("Log data will stream in below", Timeout);
        await WaitForErrorAsync(server, "core: vault is unsealed");

        var output = server.StandardOutput;
        Assert.StartsWith("==> Vault server configuration:\n\n", output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var row in new[] { $"Api Address: http://127.0.0.1:{port}", "Cgo: disabled", "Cluster Address: ", $"Listener 1: tcp (addr: \"127.0.0.1:{port}\"", "Log Level: info", "Storage: inmem", "Version: Vault v" })
        {
            Assert.Contains(row, output, StringComparison.Ordinal);
        }

        // Right-aligned names, as vault's banner.
        Assert.Matches(new Regex("\n +Api Address: "), output);
        Assert.True(output.IndexOf("Version: ", StringComparison.Ordinal) < output.IndexOf("WARNING! dev mode", StringComparison.Ordinal));
        Assert.True(output.IndexOf("Root Token: root", StringComparison.Ordinal) < output.IndexOf("Log data will stream in below", StringComparison.Ordinal));
        Assert.DoesNotContain("[INFO]", output, StringComparison.Ordinal);

        var lines = server.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(StandardLine(), line));
        Assert.DoesNotContain("Overriding address", server.StandardError + output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", server.StandardError, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("v1/sys/seal-status")).StatusCode);
    }

    [Fact]
    public async Task JsonFormat_WritesOneVaultObjectPerLine_AndKeyEventsAreLogged()
    {
        var (config, http) = await ServerProcess.ConfigureAsync(_temp.FullName, fileStorage: false, logLevel: "info");
        using var _ = http;
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config, "-log-format=json"]);
        await server.WaitForOutputAsync("server started", Timeout);
        using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
        var body = await JsonBody.ReadAsync(init);
        var root = body.GetProperty("root_token").GetString()!;
        await http.PutAsJsonAsync("v1/sys/unseal", new { key = body.GetProperty("keys")[0].GetString() });
        await VaultHttp.ExpectAsync(http, root, HttpMethod.Put, "v1/sys/rotate", null, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(http, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await WaitForErrorAsync(server, "vault is sealed");

        var entries = server.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(entries, e =>
        {
            Assert.Matches("^(trace|debug|info|warn|error)$", e.GetProperty("@level").GetString()!);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", e.GetProperty("@timestamp").GetString()!);
            Assert.False(string.IsNullOrEmpty(e.GetProperty("@message").GetString()));
        });
        var messages = entries.Where(e => e.TryGetProperty("@module", out var m) && m.GetString() == "core").Select(e => e.GetProperty("@message").GetString()!).ToList();
        Assert.Contains("vault is unsealed", messages);
        Assert.Contains(messages, m => m.StartsWith("installed a new barrier key: term 2", StringComparison.Ordinal));
        Assert.Contains("vault is sealed", messages);
        Assert.DoesNotContain(root, server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_IsOneLineNamingTheSetting_Exit1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var config = WriteConfig($"storage:\n  inmem: {{}}\nlistener:\n  tcp:\n    address: 127.0.0.1:{port}\n    tls_disable: true\n");
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);
        Assert.Equal(1, await server.WaitForExitAsync(Timeout));
        AssertOneLine(server.StandardError, "listener.tcp.address", "address already in use");
    }

    [Fact]
    public async Task BadStoragePath_IsOneLineNamingTheSetting_Exit1()
    {
        var blocker = Path.Combine(_temp.FullName, "a-file");
        await File.WriteAllTextAsync(blocker, "x");
        var config = WriteConfig($"storage:\n  file:\n    path: {Path.Combine(blocker, "data")}\nlistener:\n  tcp:\n    address: 127.0.0.1:{FreePort.Next()}\n    tls_disable: true\n");
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);
        Assert.Equal(1, await server.WaitForExitAsync(Timeout));
        AssertOneLine(server.StandardError, "storage.file.path", null);
    }

    [Fact]
    public async Task LogFile_GetsTheLinesToo()
    {
        var logFile = Path.Combine(_temp.FullName, "logs", "server");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var port = FreePort.Next();
        var config = WriteConfig($"storage:\n  inmem: {{}}\nlistener:\n  tcp:\n    address: 127.0.0.1:{port}\n    tls_disable: true\nlog_file: {logFile}\n");
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);
        await server.WaitForOutputAsync("server started", Timeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
        await WaitForErrorAsync(server, "security barrier initialized");
        var written = await File.ReadAllTextAsync(logFile + ".log");
        Assert.Matches(StandardLine(), written.Split('\n')[0]);
        Assert.Contains("core: security barrier initialized", written, StringComparison.Ordinal);
    }

    private static void AssertOneLine(string error, string setting, string? cause)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line: " + error);
        Assert.StartsWith("Error", lines[0], StringComparison.Ordinal);
        Assert.Contains(setting, lines[0], StringComparison.Ordinal);
        if (cause is not null)
        {
            Assert.Contains(cause, lines[0], StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task WaitForErrorAsync(RunningProcess server, string text)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!server.StandardError.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !server.Process.HasExited, $"'{text}' was not logged: {server.StandardError}");
            await Task.Delay(50);
        }
    }

    private string WriteConfig(string yaml)
    {
        var path = Path.Combine(_temp.FullName, Guid.NewGuid() + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[(TRACE|DEBUG|INFO|WARN|ERROR)\] +[a-z.]+: \S")]
    private static partial Regex StandardLine();
}
