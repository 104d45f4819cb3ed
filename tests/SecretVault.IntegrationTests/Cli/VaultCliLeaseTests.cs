using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Cli;

/// <summary>vaultcli lease lookup|renew|revoke, unwrap and -wrap-ttl against a real server.</summary>
public sealed class VaultCliLeaseTests : IAsyncLifetime
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sv-cli-lease-");
    private TestServer _server = null!;
    private string _root = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartInMemoryAsync(services: TestServer.AddLeasedTestEngine);
        _root = await _server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/sys/mounts/db", new { type = "leased-test" }, HttpStatusCode.NoContent);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Delete(recursive: true);
    }

    private Task<(int Code, string Out, string Error)> CliAsync(params string[] args) => VaultCli.RunAsync(_server, _home.FullName, _root, null, args);

    private async Task<int> RevocationCountAsync(string leaseId) =>
        (await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Get, "v1/db/revocations?lease_id=" + Uri.EscapeDataString(leaseId), null, HttpStatusCode.OK))
            .GetProperty("data").GetProperty("count").GetInt32();

    [Fact]
    public async Task LeaseLookupRenewRevoke()
    {
        var (code, output, error) = await CliAsync("read", "-format=json", "db/creds/app", "ttl=1h", "max_ttl=3h");
        Assert.True(code == 0, error);
        var leaseId = JsonDocument.Parse(output).RootElement.GetProperty("lease_id").GetString()!;

        (code, output, error) = await CliAsync("lease", "lookup", leaseId);
        Assert.True(code == 0, error);
        Assert.Matches(@"id\s+" + leaseId, output);
        Assert.Matches(@"renewable\s+true", output);

        (code, output, error) = await CliAsync("lease", "renew", "-increment=2h", leaseId);
        Assert.True(code == 0, error);
        Assert.Matches(@"lease_duration\s+2h", output);

        (code, output, error) = await CliAsync("lease", "revoke", "-sync", leaseId);
        Assert.True(code == 0, error);
        Assert.Contains("Success! Revoked lease: " + leaseId, output, StringComparison.Ordinal);
        Assert.Equal(1, await RevocationCountAsync(leaseId));

        (code, _, error) = await CliAsync("lease", "renew", leaseId);
        Assert.Equal(2, code);
        Assert.Contains("lease not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaseRevokePrefix_AndForce()
    {
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var (_, output, _) = await CliAsync("read", "-format=json", "db/creds/app", "ttl=1h");
            ids.Add(JsonDocument.Parse(output).RootElement.GetProperty("lease_id").GetString()!);
        }

        var (code, text, error) = await CliAsync("lease", "revoke", "-force", "db/");
        Assert.Equal(1, code);
        Assert.Contains("-force requires -prefix", error, StringComparison.Ordinal);

        (code, text, error) = await CliAsync("lease", "revoke", "-prefix", "-sync", "db/creds/");
        Assert.True(code == 0, error);
        Assert.Contains("Success! Revoked any leases with prefix: db/creds/", text, StringComparison.Ordinal);
        Assert.All(ids, id => Assert.Equal(1, RevocationCountAsync(id).GetAwaiter().GetResult()));

        (code, text, error) = await CliAsync("lease", "revoke", "-prefix", "-force", "db/");
        Assert.True(code == 0, error);
        Assert.Contains("Success! Force revoked any leases with prefix: db/", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrapTtlFlag_AndUnwrap()
    {
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Put, "v1/kv/app", new { password = "s3cret" }, HttpStatusCode.NoContent);

        var (code, output, error) = await CliAsync("read", "-wrap-ttl=2m", "-format=json", "kv/app");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("s3cret", output, StringComparison.Ordinal);
        var token = JsonDocument.Parse(output).RootElement.GetProperty("wrap_info").GetProperty("token").GetString()!;

        (code, output, error) = await CliAsync("unwrap", "-field=password", token);
        Assert.True(code == 0, error);
        Assert.Equal("s3cret", output.Trim());
        (code, _, error) = await CliAsync("unwrap", token);
        Assert.Equal(2, code);
        Assert.Contains("wrapping token is not valid or does not exist", error, StringComparison.Ordinal);

        // write sys/wrapping/wrap asks for 5 minutes by itself, as the vault CLI does; unwrap without TOKEN uses the token in use.
        (code, output, error) = await CliAsync("write", "sys/wrapping/wrap", "zip=zap");
        Assert.True(code == 0, error);
        Assert.Matches(@"wrapping_token_ttl:\s+5m", output);
        var wrapping = System.Text.RegularExpressions.Regex.Match(output, @"wrapping_token:\s+(\S+)").Groups[1].Value;
        (code, output, error) = await VaultCli.RunAsync(_server, _home.FullName, wrapping, null, "unwrap");
        Assert.True(code == 0, error);
        Assert.Matches(@"zip\s+zap", output);
    }
}
