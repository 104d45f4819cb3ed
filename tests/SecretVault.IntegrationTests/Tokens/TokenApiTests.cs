using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Time;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>The token store through real HTTP: create, lookup, renew, revoke, trees, use counts, TTLs, roles.</summary>
public sealed class TokenApiTests
{
    private const string Creator = """
        path "auth/token/create" { capabilities = ["update"] }
        path "secret/*" { capabilities = ["read", "list"] }
        """;

    [Fact]
    public async Task Create_ReturnsVaultsAuthBlock_AndLookupSelfShowsTheToken()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var created = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create", new { policies = new[] { "reader" }, meta = new { team = "a" }, display_name = "ci bot" }, HttpStatusCode.OK);
        var auth = created.GetProperty("auth");
        var token = auth.GetProperty("client_token").GetString()!;
        Assert.StartsWith("hvs.", token, StringComparison.Ordinal);
        Assert.Equal(28, token.Length);
        Assert.Equal(24, auth.GetProperty("accessor").GetString()!.Length);
        Assert.Equal(["default", "reader"], auth.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2764800, auth.GetProperty("lease_duration").GetInt64());
        Assert.True(auth.GetProperty("renewable").GetBoolean());
        Assert.False(auth.GetProperty("orphan").GetBoolean());
        Assert.Equal("service", auth.GetProperty("token_type").GetString());
        Assert.Equal("a", auth.GetProperty("metadata").GetProperty("team").GetString());

        var self = (await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(token, self.GetProperty("id").GetString());
        Assert.Equal("auth/token/create", self.GetProperty("path").GetString());
        Assert.Equal("token-ci-bot", self.GetProperty("display_name").GetString());
        Assert.InRange(self.GetProperty("ttl").GetInt64(), 2764790, 2764800);

        var byAccessor = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/lookup-accessor", new { accessor = auth.GetProperty("accessor").GetString() }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("", byAccessor.GetProperty("id").GetString());
    }

    [Fact]
    public async Task RevokingAParent_RevokesEveryDescendant_OrphansSurvive()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/creator", new { policy = Creator }, HttpStatusCode.NoContent);
        var parent = await CreateTokenAsync(server, root, new { policies = new[] { "creator" } });
        var child = await CreateTokenAsync(server, parent, new { policies = new[] { "creator" } });
        var grandchild = await CreateTokenAsync(server, child, new { policies = new[] { "creator" } });
        var orphan = await CreateTokenAsync(server, root, new { policies = new[] { "creator" } }, "v1/auth/token/create-orphan");

        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/revoke", new { token = parent }, HttpStatusCode.NoContent);

        foreach (var revoked in new[] { parent, child, grandchild })
        {
            var denied = await ExpectAsync(server, revoked, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
            Assert.Equal("permission denied", denied.GetProperty("errors")[0].GetString());
        }

        var survivor = (await ExpectAsync(server, orphan, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.True(survivor.GetProperty("orphan").GetBoolean());
    }

    [Fact]
    public async Task RevokeOrphan_KeepsChildrenAsOrphans_AndNeedsSudo()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/creator", new { policy = Creator }, HttpStatusCode.NoContent);
        var parent = await CreateTokenAsync(server, root, new { policies = new[] { "creator" } });
        var child = await CreateTokenAsync(server, parent, new { policies = new[] { "creator" } });

        await ExpectAsync(server, parent, HttpMethod.Post, "v1/auth/token/revoke-orphan", new { token = parent }, HttpStatusCode.Forbidden);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/revoke-orphan", new { token = parent }, HttpStatusCode.NoContent);
        await ExpectAsync(server, parent, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
        var orphaned = (await ExpectAsync(server, child, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.True(orphaned.GetProperty("orphan").GetBoolean());
    }

    [Fact]
    public async Task NumUses_CountsDownAndRevokesAtZero_ExactlyUnderConcurrency()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var twice = await CreateTokenAsync(server, root, new { num_uses = 2 });
        var first = (await ExpectAsync(server, twice, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        // The request's own use is spent before the backend runs, so lookup-self reports what is left.
        Assert.Equal(1, first.GetProperty("num_uses").GetInt64());
        await ExpectAsync(server, twice, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        await ExpectAsync(server, twice, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);

        var contended = await CreateTokenAsync(server, root, new { num_uses = 2 });
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/auth/token/lookup-self", contended));
            return response.StatusCode;
        }));
        Assert.Equal(2, results.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(48, results.Count(s => s == HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task ExpiredToken_IsDenied_AndRenewNeverPassesTheMax()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: clock);
        var root = await server.InitAndUnsealAsync();
        var shortLived = await CreateTokenAsync(server, root, new { ttl = "60s", explicit_max_ttl = "90s" });

        clock.Advance(TimeSpan.FromSeconds(50));
        var renewed = await ExpectAsync(server, shortLived, HttpMethod.Post, "v1/auth/token/renew-self", new { increment = "60s" }, HttpStatusCode.OK);
        Assert.Equal(40, renewed.GetProperty("auth").GetProperty("lease_duration").GetInt64());
        Assert.Contains("capped", renewed.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(39));
        await ExpectAsync(server, shortLived, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(2));
        await ExpectAsync(server, shortLived, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ttl_IsClampedToTheSystemMax_AndPeriodicTokensRenewToTheirPeriod()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: clock);
        var root = await server.InitAndUnsealAsync();
        var clamped = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create", new { ttl = "1000h" }, HttpStatusCode.OK);
        Assert.Equal(2764800, clamped.GetProperty("auth").GetProperty("lease_duration").GetInt64());
        Assert.Contains("exceeded the effective max_ttl", clamped.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

        var periodic = await CreateTokenAsync(server, root, new { period = "1h" });
        clock.Advance(TimeSpan.FromMinutes(50));
        var renewed = await ExpectAsync(server, periodic, HttpMethod.Post, "v1/auth/token/renew-self", new { }, HttpStatusCode.OK);
        Assert.Equal(3600, renewed.GetProperty("auth").GetProperty("lease_duration").GetInt64());

        var fixedToken = await CreateTokenAsync(server, root, new { renewable = false });
        var refused = await ExpectAsync(server, fixedToken, HttpMethod.Post, "v1/auth/token/renew-self", new { }, HttpStatusCode.BadRequest);
        Assert.Equal("lease is not renewable", refused.GetProperty("errors")[0].GetString());
    }

    [Theory]
    [InlineData("""{"policies":["other"]}""", "subset of parent")]
    [InlineData("""{"policies":["root"]}""", "root tokens may not be created")]
    [InlineData("""{"policies":["Root"]}""", "root tokens may not be created")]
    [InlineData("""{"no_parent":true}""", "orphan")]
    [InlineData("""{"period":"1h"}""", "periodic")]
    [InlineData("""{"id":"custom"}""", "token id")]
    [InlineData("""{"num_uses":-1}""", "negative")]
    public async Task NonRootCaller_CannotEscalate(string body, string message)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/creator", new { policy = Creator }, HttpStatusCode.NoContent);
        var caller = await CreateTokenAsync(server, root, new { policies = new[] { "creator" } });
        using var response = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "v1/auth/token/create")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            Headers = { { "X-Vault-Token", caller } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_ConstrainPoliciesAndSetThePath()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/ci", new { allowed_policies = new[] { "reader" }, orphan = true, path_suffix = "v1" }, HttpStatusCode.NoContent);
        var role = (await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/token/roles/ci", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("ci", role.GetProperty("name").GetString());
        Assert.True(role.GetProperty("orphan").GetBoolean());
        Assert.Equal("default-service", role.GetProperty("token_type").GetString());
        var roles = await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/auth/token/roles", null, HttpStatusCode.OK);
        Assert.Equal(["ci"], roles.GetProperty("data").GetProperty("keys").EnumerateArray().Select(k => k.GetString()));

        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create/ci", new { policies = new[] { "writer" } }, HttpStatusCode.BadRequest);
        var token = await CreateTokenAsync(server, root, new { policies = new[] { "reader" } }, "v1/auth/token/create/ci");
        var data = (await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("auth/token/create/ci/v1", data.GetProperty("path").GetString());
        Assert.Equal("ci", data.GetProperty("role").GetString());
        Assert.True(data.GetProperty("orphan").GetBoolean());

        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/bad", new { allowed_policies = new[] { "ROOT" } }, HttpStatusCode.BadRequest);
        await ExpectAsync(server, root, HttpMethod.Delete, "v1/auth/token/roles/ci", null, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task BatchTokens_WorkButCannotRenewOrCreateChildren()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var created = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create", new { type = "batch", policies = new[] { "default" } }, HttpStatusCode.OK);
        var batch = created.GetProperty("auth").GetProperty("client_token").GetString()!;
        Assert.StartsWith("hvb.", batch, StringComparison.Ordinal);
        Assert.Equal("batch", created.GetProperty("auth").GetProperty("token_type").GetString());
        Assert.False(created.GetProperty("auth").GetProperty("renewable").GetBoolean());
        await ExpectAsync(server, batch, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        await ExpectAsync(server, batch, HttpMethod.Post, "v1/auth/token/renew-self", new { }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RevokeAccessor_And_Tidy()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var created = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create", new { }, HttpStatusCode.OK);
        var token = created.GetProperty("auth").GetProperty("client_token").GetString()!;
        var accessor = created.GetProperty("auth").GetProperty("accessor").GetString()!;
        var accessors = await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/auth/token/accessors", null, HttpStatusCode.OK);
        Assert.Contains(accessor, accessors.GetProperty("data").GetProperty("keys").EnumerateArray().Select(k => k.GetString()));

        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/revoke-accessor", new { accessor }, HttpStatusCode.NoContent);
        await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
        var tidy = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/tidy", null, HttpStatusCode.Accepted);
        Assert.Contains("Tidy operation successfully started", tidy.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyOnAToken_AllowsWhatItGrants_AndDeniesTheRest()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/secret/app", new { password = "p" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/creator", new { policy = Creator }, HttpStatusCode.NoContent);
        var reader = await CreateTokenAsync(server, root, new { policies = new[] { "creator" } });

        Assert.Equal("p", (await ExpectAsync(server, reader, HttpMethod.Get, "v1/secret/app", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("password").GetString());
        await ExpectAsync(server, reader, HttpMethod.Put, "v1/secret/app", new { password = "x" }, HttpStatusCode.Forbidden);
        await ExpectAsync(server, reader, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, reader, HttpMethod.Get, "v1/nothing/here", null, HttpStatusCode.Forbidden);
        var capabilities = await ExpectAsync(server, reader, HttpMethod.Post, "v1/sys/capabilities-self", new { paths = new[] { "secret/app" } }, HttpStatusCode.OK);
        Assert.Equal(["list", "read"], capabilities.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        await ExpectAsync(server, "hvs.malformed", HttpMethod.Get, "v1/secret/app", null, HttpStatusCode.Forbidden);
    }
}
