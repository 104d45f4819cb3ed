using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Mounts;

/// <summary>
/// A mount's lease TTLs follow Vault's rules (issue 16 item 7): a maximum above the server's is accepted at enable and
/// tune time, yet no token or lease it issues outlives the server's maximum.
/// </summary>
public sealed class MountTtlTuningTests
{
    private const long SystemMax = 3600;

    private static async Task<(TestServer Server, string Root)> StartAsync()
    {
        var server = await TestServer.StartInMemoryAsync(
            services: TestServer.AddLeasedTestEngine,
            configure: config => config with { DefaultLeaseTtl = TimeSpan.FromSeconds(SystemMax), MaxLeaseTtl = TimeSpan.FromSeconds(SystemMax) });
        return (server, await server.InitAndUnsealAsync());
    }

    [Fact]
    public async Task AuthMountTunedAboveSystemMax_IsAccepted_AndLoginTokensStayCapped()
    {
        var (server, root) = await StartAsync();
        await using var owned = server;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/up", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/up/tune", new { default_lease_ttl = "50h", max_lease_ttl = "100h" }, HttpStatusCode.NoContent);
        var tune = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/auth/up/tune", null, HttpStatusCode.OK);
        Assert.Equal(360000, tune.GetProperty("data").GetProperty("max_lease_ttl").GetInt64());

        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/up/users/alice", new { password = "pw", token_ttl = "10h" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/up/users/bob", new { password = "pw" }, HttpStatusCode.NoContent);
        foreach (var user in new[] { "alice", "bob" })
        {
            var login = await ExpectAsync(server, null, HttpMethod.Post, $"v1/auth/up/login/{user}", new { password = "pw" }, HttpStatusCode.OK);
            Assert.Equal(SystemMax, login.GetProperty("auth").GetProperty("lease_duration").GetInt64());
            var token = login.GetProperty("auth").GetProperty("client_token").GetString();
            var self = await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
            Assert.InRange(self.GetProperty("data").GetProperty("ttl").GetInt64(), SystemMax - 10, SystemMax);
        }
    }

    [Fact]
    public async Task SecretsMountEnabledOrTunedAboveSystemMax_IsAccepted_AndLeasesStayCapped()
    {
        var (server, root) = await StartAsync();
        await using var owned = server;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/db", new { type = "leased-test", config = new { max_lease_ttl = "100h" } }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/db2", new { type = "leased-test" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/db2/tune", new { max_lease_ttl = "100h", default_lease_ttl = "50h" }, HttpStatusCode.NoContent);

        foreach (var path in new[] { "v1/db/creds/ro?ttl=10h&max_ttl=20h", "v1/db/creds/ro", "v1/db2/creds/ro", "v1/db2/creds/ro?ttl=10h" })
        {
            var issued = await ExpectAsync(server, root, HttpMethod.Get, path, null, HttpStatusCode.OK);
            Assert.Equal(SystemMax, issued.GetProperty("lease_duration").GetInt64());
            var leaseId = issued.GetProperty("lease_id").GetString();
            var renewed = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/renew", new { lease_id = leaseId, increment = "10h" }, HttpStatusCode.OK);
            Assert.InRange(renewed.GetProperty("lease_duration").GetInt64(), 0, SystemMax);
        }
    }

    [Fact]
    public async Task EnableWithDefaultAboveMax_IsRefusedWithVaultsMessages()
    {
        var (server, root) = await StartAsync();
        await using var owned = server;

        Assert.Equal(
            ["given default lease TTL greater than given max lease TTL"],
            await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/mounts/a", new { type = "kv", config = new { default_lease_ttl = "3h", max_lease_ttl = "2h" } }));
        Assert.Equal(
            ["given default lease TTL greater than system max lease TTL of 3600"],
            await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/auth/b", new { type = "userpass", config = new { default_lease_ttl = "2h" } }));

        // Above the server's maximum but within the mount's own: accepted, as in Vault.
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/c", new { type = "kv", config = new { default_lease_ttl = "2h", max_lease_ttl = "3h" } }, HttpStatusCode.NoContent);
        var mounts = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.OK);
        Assert.False(mounts.GetProperty("data").TryGetProperty("a/", out _));
        Assert.Equal(10800, mounts.GetProperty("data").GetProperty("c/").GetProperty("config").GetProperty("max_lease_ttl").GetInt64());
    }

    [Fact]
    public async Task TuneMaxBelowDefault_IsRefusedWithVaultsMessage_AndChangesNothing()
    {
        var (server, root) = await StartAsync();
        await using var owned = server;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv", config = new { default_lease_ttl = "30m", max_lease_ttl = "1h" } }, HttpStatusCode.NoContent);

        Assert.Equal(
            ["backend max lease TTL of 600 would be less than backend default lease TTL of 1800"],
            await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv/tune", new { max_lease_ttl = "10m" }));
        var tune = (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts/kv/tune", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(3600, tune.GetProperty("max_lease_ttl").GetInt64());

        // A default above the server's maximum with no mount maximum is accepted at tune time, as in Vault, and capped.
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv/tune", new { max_lease_ttl = "system", default_lease_ttl = "5h" }, HttpStatusCode.NoContent);
    }
}
