using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Cli;

/// <summary>vaultcli's secrets, auth, policy and generic commands against a real server.</summary>
public sealed class VaultCliAdminCommandsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sv-cli-admin-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task Secrets_EnableListTuneMoveDisable_AndGenericReadWriteListDelete()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        var (code, output, _) = await RunAsync(server, root, null, "secrets", "enable", "-path=app", "-description=app secrets", "-default-lease-ttl=1h", "kv");
        Assert.Equal(0, code);
        Assert.Equal("Success! Enabled the kv secrets engine at: app/", output.Trim());

        (code, output, _) = await RunAsync(server, root, null, "secrets", "list");
        Assert.Equal(0, code);
        Assert.Matches(@"Path\s+Type\s+Accessor\s+Description", output);
        Assert.Matches(@"app/\s+kv\s+kv_[0-9a-f]{8}\s+app secrets", output);

        (code, output, _) = await RunAsync(server, root, null, "write", "app/db", "user=admin", "password=-");
        Assert.Equal(0, code);
        Assert.Equal("Success! Data written to: app/db", output.Trim());

        (code, output, _) = await RunAsync(server, root, null, "read", "-field=user", "app/db");
        Assert.Equal(0, code);
        Assert.Equal("admin", output.Trim());

        (code, output, _) = await RunAsync(server, root, "{\"count\": 3}", "write", "app/other", "-");
        Assert.Equal(0, code);
        (code, output, _) = await RunAsync(server, root, null, "read", "-format=json", "app/other");
        Assert.Equal(3, JsonDocument.Parse(output).RootElement.GetProperty("data").GetProperty("count").GetInt32());

        (code, output, _) = await RunAsync(server, root, null, "list", "app/");
        Assert.Equal(0, code);
        Assert.Equal(["Keys", "----", "db", "other"], output.Trim().Split('\n'));

        (code, output, _) = await RunAsync(server, root, null, "secrets", "tune", "-max-lease-ttl=2h", "app");
        Assert.Equal(0, code);
        Assert.Equal("Success! Tuned the secrets engine at: app/", output.Trim());

        (code, output, _) = await RunAsync(server, root, null, "secrets", "move", "app", "moved");
        Assert.Equal(0, code);
        Assert.StartsWith("Success! Finished moving secrets engine app/ to moved/", output.Trim(), StringComparison.Ordinal);

        (code, _, _) = await RunAsync(server, root, null, "delete", "moved/db");
        Assert.Equal(0, code);
        (code, _, var error) = await RunAsync(server, root, null, "read", "moved/db");
        Assert.Equal(2, code);
        Assert.Contains("No value found at moved/db", error, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, root, null, "secrets", "disable", "moved");
        Assert.Equal(0, code);
        Assert.Equal("Success! Disabled the secrets engine (if it existed) at: moved/", output.Trim());
    }

    [Fact]
    public async Task Policy_WriteReadListFmtDelete()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var file = Path.Combine(_home.FullName, "reader.hcl");
        await File.WriteAllTextAsync(file, "path \"secret/*\"   {\ncapabilities=[\"read\"]\n}\n");

        var (code, output, _) = await RunAsync(server, root, null, "policy", "fmt", file);
        Assert.Equal(0, code);
        Assert.Equal("path \"secret/*\" {\n  capabilities = [\"read\"]\n}\n", await File.ReadAllTextAsync(file));

        (code, output, _) = await RunAsync(server, root, null, "policy", "write", "reader", file);
        Assert.Equal(0, code);
        Assert.Equal("Success! Uploaded policy: reader", output.Trim());

        (code, output, _) = await RunAsync(server, root, null, "policy", "read", "reader");
        Assert.Equal(0, code);
        Assert.Contains("capabilities = [\"read\"]", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, root, "path \"x\" { capabilities = [\"list\"] }", "policy", "write", "from-stdin", "-");
        Assert.Equal(0, code);
        (code, output, _) = await RunAsync(server, root, null, "policy", "list");
        Assert.Equal(["default", "from-stdin", "reader", "root"], output.Trim().Split('\n'));

        (code, _, var error) = await RunAsync(server, root, "path \"x\" { capabilities = [\"reed\"] }", "policy", "write", "bad", "-");
        Assert.Equal(2, code);
        Assert.Contains("invalid capability \"reed\"", error, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, root, null, "policy", "delete", "reader");
        Assert.Equal(0, code);
        Assert.Equal("Success! Deleted policy: reader", output.Trim());
    }

    [Fact]
    public async Task AuthList_AndPathHelp()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var (code, output, _) = await RunAsync(server, root, null, "auth", "list");
        Assert.Equal(0, code);
        Assert.Matches(@"token/\s+token\s+auth_token_[0-9a-f]{8}", output);

        (code, output, _) = await RunAsync(server, root, null, "path-help", "sys/mounts");
        Assert.Equal(0, code);
        Assert.Contains("secrets engines", output, StringComparison.Ordinal);
    }

    private Task<(int Code, string Out, string Error)> RunAsync(TestServer server, string? token, string? stdin, params string[] args) =>
        VaultCli.RunAsync(server, _home.FullName, token, stdin, args);
}
