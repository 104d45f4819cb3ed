using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Cli;

/// <summary>Logging in with vaultcli and using the stored token: what the policy allows works, the rest is refused.</summary>
public sealed class VaultCliLoginTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sv-cli-login-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task UserPassLogin_StoresToken_ReadsWhatPolicyAllows_IsRefusedAWrite()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/secret/app", new { db = "postgres://db" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/reader", new { policy = """path "secret/*" { capabilities = ["read", "list"] }""" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/userpass/users/alice", new { password = "s3cret pass", token_policies = "reader" }, HttpStatusCode.NoContent);

        var (code, output, error) = await RunAsync(server, "s3cret pass\n", "login", "-method=userpass", "username=alice");
        Assert.Equal(0, code);
        Assert.Contains("Password (will be hidden):", error, StringComparison.Ordinal);
        Assert.Contains("Success! You are now authenticated.", output, StringComparison.Ordinal);
        Assert.Matches(@"token_policies\s+\[default reader\]", output);
        Assert.Matches(@"token_meta_username\s+alice", output);
        Assert.DoesNotContain("s3cret pass", output, StringComparison.Ordinal);
        var stored = await File.ReadAllTextAsync(Path.Combine(_home.FullName, ".vault-token"));
        Assert.StartsWith("hvs.", stored, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, null, "read", "-field=db", "secret/app");
        Assert.Equal(0, code);
        Assert.Equal("postgres://db", output.Trim());

        (code, _, error) = await RunAsync(server, null, "write", "secret/app", "db=changed");
        Assert.Equal(2, code);
        Assert.Contains("Code: 403", error, StringComparison.Ordinal);
        Assert.Contains("* permission denied", error, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, null, "token", "capabilities", "secret/app");
        Assert.Equal(0, code);
        Assert.Equal("list, read", output.Trim());

        (code, _, error) = await RunAsync(server, "wrong\n", "login", "-method=userpass", "username=alice");
        Assert.Equal(2, code);
        Assert.Contains("invalid username or password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCommands_CreateLookupRenewRevoke_AndTokenLogin()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var (code, output, _) = await RunAsync(server, null, "login", "-no-store", root);
        Assert.Equal(0, code);
        Assert.False(File.Exists(Path.Combine(_home.FullName, ".vault-token")));
        (code, _, _) = await RunAsync(server, root + "\n", "login");
        Assert.Equal(0, code);
        Assert.Equal(root, await File.ReadAllTextAsync(Path.Combine(_home.FullName, ".vault-token")));

        (code, output, _) = await RunAsync(server, null, "token", "create", "-policy=a", "-policy=b", "-ttl=1h", "-field=token");
        Assert.Equal(0, code);
        var child = output.Trim();
        Assert.StartsWith("hvs.", child, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, null, "token", "lookup", child);
        Assert.Equal(0, code);
        Assert.Matches(@"policies\s+\[a b default\]", output);
        Assert.Matches(@"\sttl\s+(59m\d+s|1h)\n", output);
        Assert.Matches(@"creation_ttl\s+1h\n", output);

        (code, output, _) = await RunAsync(server, null, "token", "renew", "-increment=30m", child);
        Assert.Equal(0, code);
        Assert.Matches(@"token_duration\s+30m", output);

        (code, output, _) = await RunAsync(server, null, "token", "revoke", child);
        Assert.Equal(0, code);
        (code, _, var error) = await RunAsync(server, null, "token", "lookup", child);
        Assert.Equal(2, code);
        Assert.Contains("bad token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRoleLogin_WithRoleAndSecretId()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/approle", new { type = "approle" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/app", new { token_policies = "reader" }, HttpStatusCode.NoContent);
        var roleId = (await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/approle/role/app/role-id", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("role_id").GetString();
        var secretId = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/app/secret-id", new { }, HttpStatusCode.OK)).GetProperty("data").GetProperty("secret_id").GetString();

        var (code, output, _) = await RunAsync(server, null, "login", "-method=approle", "-token-only", $"role_id={roleId}", $"secret_id={secretId}");
        Assert.Equal(0, code);
        Assert.StartsWith("hvs.", output.Trim(), StringComparison.Ordinal);
    }

    private Task<(int Code, string Out, string Error)> RunAsync(TestServer server, string? stdin, params string[] args) =>
        VaultCli.RunAsync(server, _home.FullName, null, stdin, args);
}
