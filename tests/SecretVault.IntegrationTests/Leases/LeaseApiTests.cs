using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Leases;

/// <summary><c>sys/leases/*</c> over real HTTP with the test-only leased engine.</summary>
public sealed class LeaseApiTests
{
    private static async Task<(TestServer Server, string Root)> StartAsync()
    {
        var server = await TestServer.StartInMemoryAsync(services: TestServer.AddLeasedTestEngine);
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/db", new { type = "leased-test" }, HttpStatusCode.NoContent);
        return (server, root);
    }

    private static async Task<JsonElement> RevocationsAsync(TestServer server, string root, string leaseId) =>
        (await ExpectAsync(server, root, HttpMethod.Get, "v1/db/revocations?lease_id=" + Uri.EscapeDataString(leaseId), null, HttpStatusCode.OK)).GetProperty("data");

    [Fact]
    public async Task IssuedSecret_HasLease_LookupRenewRevoke_AsVault()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        var issued = await ExpectAsync(server, root, HttpMethod.Get, "v1/db/creds/ro?ttl=1h&max_ttl=2h", null, HttpStatusCode.OK);
        var leaseId = issued.GetProperty("lease_id").GetString()!;
        Assert.StartsWith("db/creds/ro/", leaseId, StringComparison.Ordinal);
        Assert.Equal(24, leaseId["db/creds/ro/".Length..].Length);
        Assert.True(issued.GetProperty("renewable").GetBoolean());
        Assert.Equal(3600, issued.GetProperty("lease_duration").GetInt64());
        Assert.StartsWith("u-", issued.GetProperty("data").GetProperty("username").GetString(), StringComparison.Ordinal);

        var lookup = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/lookup", new { lease_id = leaseId }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(leaseId, lookup.GetProperty("id").GetString());
        Assert.InRange(lookup.GetProperty("ttl").GetInt64(), 3590, 3600);
        Assert.Equal(JsonValueKind.Null, lookup.GetProperty("last_renewal").ValueKind);
        Assert.True(DateTimeOffset.Parse(lookup.GetProperty("expire_time").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(59));

        var renewed = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/renew", new { lease_id = leaseId, increment = "90m" }, HttpStatusCode.OK);
        Assert.Equal(leaseId, renewed.GetProperty("lease_id").GetString());
        Assert.Equal(5400, renewed.GetProperty("lease_duration").GetInt64());

        // Past the max TTL (2 h from issue) the renewal is capped, with a warning; never "0 = forever".
        var capped = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/renew/" + leaseId, new { increment = "5h" }, HttpStatusCode.OK);
        Assert.InRange(capped.GetProperty("lease_duration").GetInt64(), 7190, 7200);
        Assert.Contains("capped", capped.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

        var list = await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/sys/leases/lookup/db/creds/ro/", null, HttpStatusCode.OK);
        Assert.Equal([leaseId["db/creds/ro/".Length..]], list.GetProperty("data").GetProperty("keys").EnumerateArray().Select(k => k.GetString()));

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/revoke", new { lease_id = leaseId }, HttpStatusCode.NoContent);
        Assert.Equal(1, (await RevocationsAsync(server, root, leaseId)).GetProperty("count").GetInt32());
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/revoke", new { lease_id = leaseId }, HttpStatusCode.NoContent);
        Assert.Equal(1, (await RevocationsAsync(server, root, leaseId)).GetProperty("count").GetInt32());
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/lookup", new { lease_id = leaseId }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BadInput_GetsVaultsMessages()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        Assert.Equal(["lease not found"], await ErrorsOfAsync(server, root, "v1/sys/leases/renew", new { lease_id = "db/creds/ro/nope" }));
        Assert.Equal(["lease_id must be specified"], await ErrorsOfAsync(server, root, "v1/sys/leases/renew", new { increment = 10 }));
        Assert.Equal(["invalid lease"], await ErrorsOfAsync(server, root, "v1/sys/leases/lookup", new { lease_id = "db/creds/ro/nope" }));
        var fixedLease = await ExpectAsync(server, root, HttpMethod.Get, "v1/db/creds/ro?ttl=1h&renewable=false", null, HttpStatusCode.OK);
        Assert.Equal(["lease is not renewable"], await ErrorsOfAsync(server, root, "v1/sys/leases/renew", new { lease_id = fixedLease.GetProperty("lease_id").GetString() }));

        // A failing issue leaves nothing behind: its reservation is revoked (the engine's record shows it) and no lease stays.
        using var failed = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/db/creds/ro?fail=true", root));
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var stats = (await ExpectAsync(server, root, HttpMethod.Get, "v1/db/stats", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(1, stats.GetProperty("outstanding").GetInt32());
        Assert.Equal(1, stats.GetProperty("revoked").GetInt32());
        var keys = await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/sys/leases/lookup/db/creds/ro/", null, HttpStatusCode.OK);
        Assert.Single(keys.GetProperty("data").GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task RevokePrefix_NeedsSudo_AndRevokesEverythingUnderIt()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await ExpectAsync(server, root, HttpMethod.Get, $"v1/db/creds/r{i % 2}?ttl=1h", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!);
        }

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/no-sudo", new { policy = "path \"sys/*\" { capabilities = [\"create\", \"read\", \"update\", \"delete\", \"list\"] }" }, HttpStatusCode.NoContent);
        var operatorToken = await CreateTokenAsync(server, root, new { policies = new[] { "no-sudo" } });
        foreach (var path in new[] { "v1/sys/leases/revoke-prefix/db/", "v1/sys/revoke-prefix/db/", "v1/sys/leases/revoke-force/db/", "v1/sys/leases/count?type=irrevocable" })
        {
            using var denied = await server.Http.SendAsync(TestServer.Request(path.Contains("count", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Put, path, operatorToken));
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using (var list = await server.Http.SendAsync(TestServer.Request(new HttpMethod("LIST"), "v1/sys/leases/lookup/db/", operatorToken)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/revoke-prefix/db/creds/r0", new { }, HttpStatusCode.NoContent);
        Assert.Equal(1, (await RevocationsAsync(server, root, ids[0])).GetProperty("count").GetInt32());
        Assert.Equal(0, (await RevocationsAsync(server, root, ids[1])).GetProperty("count").GetInt32());
        Assert.Equal(1, (await RevocationsAsync(server, root, ids[2])).GetProperty("count").GetInt32());

        // Disabling the mount revokes what is left.
        await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/mounts/db", null, HttpStatusCode.NoContent);
        using var gone = await server.Http.SendAsync(TestServer.Request(new HttpMethod("LIST"), "v1/sys/leases/lookup/db/", root));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task RevokingAToken_RevokesItsLeases_AndItsChildrensLeases()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/db", new { policy = "path \"db/*\" { capabilities = [\"read\", \"create\", \"update\"] }\npath \"auth/token/create\" { capabilities = [\"update\"] }" }, HttpStatusCode.NoContent);
        var parent = await CreateTokenAsync(server, root, new { policies = new[] { "db" } });
        var child = await CreateTokenAsync(server, parent, new { policies = new[] { "db" } });
        var orphanParent = await CreateTokenAsync(server, root, new { policies = new[] { "db" } });
        var parentLease = (await ExpectAsync(server, parent, HttpMethod.Get, "v1/db/creds/a?ttl=1h", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!;
        var childLease = (await ExpectAsync(server, child, HttpMethod.Get, "v1/db/creds/b?ttl=1h", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!;
        var otherLease = (await ExpectAsync(server, orphanParent, HttpMethod.Get, "v1/db/creds/c?ttl=1h", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!;

        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/revoke", new { token = parent }, HttpStatusCode.NoContent);
        Assert.Equal(1, (await RevocationsAsync(server, root, parentLease)).GetProperty("count").GetInt32());
        Assert.Equal(1, (await RevocationsAsync(server, root, childLease)).GetProperty("count").GetInt32());
        Assert.Equal(0, (await RevocationsAsync(server, root, otherLease)).GetProperty("count").GetInt32());
        await ExpectAsync(server, child, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tokens_HaveLeases_ThatPrefixRevocationReaches()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        var token = await CreateTokenAsync(server, root, new { policies = new[] { "default" }, ttl = "1h" });
        var keys = await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/sys/leases/lookup/auth/token/create/", null, HttpStatusCode.OK);
        var id = "auth/token/create/" + Assert.Single(keys.GetProperty("data").GetProperty("keys").EnumerateArray()).GetString();
        var lookup = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/lookup", new { lease_id = id }, HttpStatusCode.OK)).GetProperty("data");
        Assert.InRange(lookup.GetProperty("ttl").GetInt64(), 3590, 3600);
        Assert.Contains("auth/token/renew", Assert.Single(await ErrorsOfAsync(server, root, "v1/sys/leases/renew", new { lease_id = id })), StringComparison.Ordinal);

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/revoke-prefix/auth/token/", new { }, HttpStatusCode.NoContent);
        await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Remount_RevokesTheSourcesLeasesFirst_AsVault_AndAFailureKeepsTheMount()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        var leaseId = (await ExpectAsync(server, root, HttpMethod.Get, "v1/db/creds/ro?ttl=1h", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/db2", new { type = "leased-test" }, HttpStatusCode.NoContent);
        var untouched = (await ExpectAsync(server, root, HttpMethod.Get, "v1/db2/creds/ro?ttl=1h", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!;

        // A destination that cannot be used is refused before any lease is touched.
        Assert.Contains("path is already in use", Assert.Single(await ErrorsOfAsync(server, root, "v1/sys/remount", new { from = "db", to = "db2" })), StringComparison.Ordinal);
        Assert.Equal(0, (await RevocationsAsync(server, root, leaseId)).GetProperty("count").GetInt32());

        // The engine cannot revoke: the remount fails and the mount stays where it was, its lease with it.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/db/config", new { fail_revoke = true }, HttpStatusCode.NoContent);
        Assert.Contains("target unreachable", Assert.Single(await ErrorsOfAsync(server, root, "v1/sys/remount", new { from = "db", to = "moved" })), StringComparison.Ordinal);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts/db", null, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/lookup", new { lease_id = leaseId }, HttpStatusCode.OK);

        await ExpectAsync(server, root, HttpMethod.Put, "v1/db/config", new { fail_revoke = false }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/remount", new { from = "db", to = "moved" }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/lookup", new { lease_id = leaseId }, HttpStatusCode.BadRequest);
        var revocations = (await ExpectAsync(server, root, HttpMethod.Get, "v1/moved/revocations?lease_id=" + Uri.EscapeDataString(leaseId), null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(1, revocations.GetProperty("count").GetInt32());

        // Another mount's leases, whose path shares the prefix "db", are not the source's.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/lookup", new { lease_id = untouched }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task RemountingAnAuthMethod_RevokesTheTokensItsLoginsIssued()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/userpass/users/alice", new { password = "correct horse", token_ttl = "1h" }, HttpStatusCode.NoContent);
        var login = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = "correct horse" }, HttpStatusCode.OK);
        var token = login.GetProperty("auth").GetProperty("client_token").GetString()!;
        var other = await CreateTokenAsync(server, root, new { policies = new[] { "default" }, ttl = "1h" });

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/remount", new { from = "auth/userpass", to = "auth/people" }, HttpStatusCode.OK);
        await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, other, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);

        // The method works at its new path, and its new tokens' leases name that path.
        var again = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/people/login/alice", new { password = "correct horse" }, HttpStatusCode.OK);
        await ExpectAsync(server, again.GetProperty("auth").GetProperty("client_token").GetString(), HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        var leases = await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/sys/leases/lookup/auth/people/login/alice/", null, HttpStatusCode.OK);
        Assert.Single(leases.GetProperty("data").GetProperty("keys").EnumerateArray());
        await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/sys/leases/lookup/auth/userpass/login/alice/", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AsyncRevoke_Answers202_AndTidyRuns()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        var leaseId = (await ExpectAsync(server, root, HttpMethod.Get, "v1/db/creds/ro?ttl=1h", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!;
        using (var accepted = await server.Http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/sys/leases/revoke", root, new { lease_id = leaseId, sync = false })))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        for (var i = 0; i < 50 && (await RevocationsAsync(server, root, leaseId)).GetProperty("count").GetInt32() == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, (await RevocationsAsync(server, root, leaseId)).GetProperty("count").GetInt32());
        var tidy = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/leases/tidy", new { }, HttpStatusCode.Accepted);
        Assert.Contains("Tidy", tidy.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> ErrorsOfAsync(TestServer server, string token, string path, object? body, HttpMethod? method = null)
    {
        using var response = await server.Http.SendAsync(TestServer.Request(method ?? HttpMethod.Put, path, token, body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await JsonBody.ErrorsAsync(response);
    }
}
