using System.Net;
using System.Net.Http.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Server;

/// <summary>The server binary with Vault's configuration files and bad input: help, HCL, relative paths, one-line errors.</summary>
public sealed class ServerConfigProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("sv-config-proc-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Theory]
    [InlineData("server", "-h")]
    [InlineData("server", "-help")]
    [InlineData("-h", null)]
    public async Task Help_PrintsUsageAndExitsZero(string first, string? second)
    {
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, second is null ? [first] : [first, second]);
        Assert.Equal(0, await server.WaitForExitAsync(Timeout));
        Assert.Contains("Usage:", server.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("-config=PATH", server.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", server.StandardError);
    }

    [Fact]
    public async Task HclFile_WithRelativeStoragePath_StoresNextToTheFile_AndWarnsOfKeysWithoutEffect()
    {
        var port = FreePort.Next();
        var config = Write("config.hcl", $$"""
            storage "file" {
              path = "./data"
            }
            listener "tcp" {
              address     = "localhost:{{port}}"
              tls_disable = 1
            }
            telemetry {
              prometheus_retention_time = "24h"
            }
            disable_mlock = true
            log_level     = "warn"
            """);
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);
        await server.WaitForOutputAsync("server started", Timeout);
        Assert.Contains("WARNING: these configuration keys are accepted but have no effect yet: telemetry.prometheus_retention_time", server.StandardError, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_temp.FullName, "data"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("config.hcl", "storage \"inmem\" {}\nlistener \"tcp\" {\n  tls_disable = true\n}\ndisable_mlock = maybe\n", "invalid value for \"disable_mlock\": expected true or false")]
    [InlineData("config.hcl", "storage \"inmem\" {}\nlistener \"tcp\" {\n  tls_disable = true\n  tls_disable_typo = true\n}\n", "unknown key \"listener.tcp.tls_disable_typo\"")]
    [InlineData("config.hcl", "storage \"inmem\" {\nlistener", "invalid HCL")]
    [InlineData("config.yaml", "storage:\n  file:\n    path: blocker/data\nlistener:\n  tcp:\n    address: 127.0.0.1:0\n    tls_disable: true\n", "invalid value for \"storage.file.path\"")]
    [InlineData("config.yaml", "storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:0\n    tls_cert_file: blocker\n    tls_key_file: blocker\n", "invalid value for \"tls_cert_file\" or \"tls_key_file\"")]
    [InlineData("config.yaml", "storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:0\n    tls_cert_file: missing.pem\n    tls_key_file: missing.key\n", "missing.pem")]
    public async Task BadConfiguration_IsOneLineNamingIt_ExitCodeOne(string name, string text, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_temp.FullName, "blocker"), "a file where a folder should be");
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", Write(name, text)]);
        Assert.Equal(1, await server.WaitForExitAsync(Timeout));
        var line = Assert.Single(server.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line.Replace(" at line", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFlag_IsOneLine_ExitCodeOne()
    {
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-bogus"]);
        Assert.Equal(1, await server.WaitForExitAsync(Timeout));
        Assert.Equal("Error: flag provided but not defined: -bogus (see -h)", server.StandardError.Trim());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_temp.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
