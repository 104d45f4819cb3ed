using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Time;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>
/// Issue 15 items 2, 4, 7 and 8: a token's lifetime and limits through real HTTP. A sub-second TTL is one second, not
/// "none"; an explicit max binds on every use; a role's limits bind its callers (the stricter wins); a child is bound
/// where its parent is; a period is capped by the mount's max.
/// </summary>
public sealed class TokenLifetimeTests
{
    private const string CreatorPolicy = """path "auth/token/create*" { capabilities = ["update"] }""";

    [Theory]
    [InlineData("""{"policies":["default"],"ttl":"0.5s"}""")]
    [InlineData("""{"policies":["default"],"ttl":"1ns"}""")]
    [InlineData("""{"policies":["default"],"lease":"0.5s"}""")]
    [InlineData("""{"policies":["default"],"explicit_max_ttl":"0.5s"}""")]
    [InlineData("""{"policies":["default"],"ttl":0.5}""")]
    public async Task CreateToken_SubSecondLifetime_IsOneSecondAndExpires(string body)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: clock);
        var root = await server.InitAndUnsealAsync();

        var created = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create", JsonDocument.Parse(body).RootElement, HttpStatusCode.OK);
        var auth = created.GetProperty("auth");
        Assert.Equal(1, auth.GetProperty("lease_duration").GetInt64());
        var token = auth.GetProperty("client_token").GetString()!;
        var lookup = await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.String, lookup.GetProperty("data").GetProperty("expire_time").ValueKind);

        clock.Advance(TimeSpan.FromSeconds(2));
        await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("root")]
    public async Task CreateAgainstOrphanRole_CallerAsksForNoExplicitMax_TheRolesMaxStillExpiresIt(string policy)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: clock);
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/capped", new { orphan = true, token_explicit_max_ttl = "1h" }, HttpStatusCode.NoContent);

        var created = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create/capped", new { policies = new[] { policy }, explicit_max_ttl = "0" }, HttpStatusCode.OK);
        var auth = created.GetProperty("auth");
        Assert.Equal(3600, auth.GetProperty("lease_duration").GetInt64());
        var token = auth.GetProperty("client_token").GetString()!;
        var lookup = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/lookup", new { token }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(3600, lookup.GetProperty("explicit_max_ttl").GetInt64());
        Assert.True(lookup.GetProperty("orphan").GetBoolean());

        // Renewal cannot pass the explicit max either.
        clock.Advance(TimeSpan.FromMinutes(59));
        var renewed = await ExpectAsync(server, token, HttpMethod.Post, "v1/auth/token/renew-self", new { increment = "10h" }, HttpStatusCode.OK);
        Assert.Equal(60, renewed.GetProperty("auth").GetProperty("lease_duration").GetInt64());
        clock.Advance(TimeSpan.FromSeconds(61));
        await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateAgainstRole_CallerAsksForLooserLimits_GetsTheRoles()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/role-user", new { policy = """path "auth/token/create/limited" { capabilities = ["update"] }""" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/limited", new
        {
            orphan = true, renewable = false, token_explicit_max_ttl = "1h", token_num_uses = 3, token_type = "batch",
        }, HttpStatusCode.NoContent);
        var caller = await CreateTokenAsync(server, root, new { policies = new[] { "role-user" } });

        var created = await ExpectAsync(server, caller, HttpMethod.Post, "v1/auth/token/create/limited", new
        {
            explicit_max_ttl = "0", num_uses = 0, type = "service", ttl = "768h",
        }, HttpStatusCode.OK);
        var auth = created.GetProperty("auth");
        Assert.Equal(3600, auth.GetProperty("lease_duration").GetInt64());
        var token = auth.GetProperty("client_token").GetString()!;
        var lookup = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/lookup", new { token }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("batch", lookup.GetProperty("type").GetString());
        Assert.Equal(3600, lookup.GetProperty("explicit_max_ttl").GetInt64());
        Assert.Equal(3, lookup.GetProperty("num_uses").GetInt64());

        for (var i = 0; i < 3; i++)
        {
            await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        }

        await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("2h", 0, 3600, 3)]
    [InlineData("10m", 5, 600, 3)]
    [InlineData("0", 2, 3600, 2)]
    public async Task CreateAgainstRole_CallerAndRoleBothSetLimits_TheStricterWins(string explicitMax, int numUses, long expectedMax, long expectedUses)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/limited", new { token_explicit_max_ttl = "1h", token_num_uses = 3, token_period = "30m" }, HttpStatusCode.NoContent);

        var created = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create/limited", new
        {
            policies = new[] { "default" }, explicit_max_ttl = explicitMax, num_uses = numUses, period = "2h",
        }, HttpStatusCode.OK);
        var token = created.GetProperty("auth").GetProperty("client_token").GetString()!;
        var lookup = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/lookup", new { token }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(expectedMax, lookup.GetProperty("explicit_max_ttl").GetInt64());
        Assert.Equal(expectedUses, lookup.GetProperty("num_uses").GetInt64());
        Assert.Equal(Math.Min(1800, expectedMax), lookup.GetProperty("period").GetInt64());
        Assert.Contains(created.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("Period specified both", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("explicit_max_ttl", "1h")]
    [InlineData("num_uses", 2)]
    [InlineData("period", "1h")]
    public async Task CreateBatchToken_WithALimitBatchTokensCannotHave_IsRefused(string field, object value)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var body = new Dictionary<string, object> { ["type"] = "batch", ["policies"] = new[] { "default" }, [field] = value };

        var errors = await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/auth/token/create", body);

        Assert.Contains($"\"{field}\"", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_PeriodAboveTheMountMax_IsCappedWithAWarning()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        var created = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create", new { period = "100000h" }, HttpStatusCode.OK);

        var auth = created.GetProperty("auth");
        Assert.Equal(2764800, auth.GetProperty("lease_duration").GetInt64());
        Assert.Contains(created.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("period of \"100000h0m0s\" exceeded the effective max_ttl", StringComparison.Ordinal));
        var token = auth.GetProperty("client_token").GetString()!;
        var lookup = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/lookup", new { token }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(2764800, lookup.GetProperty("period").GetInt64());
    }

    [Theory]
    [InlineData("v1/auth/token/create")]
    [InlineData("v1/auth/token/create-orphan")]
    public async Task CreateChild_ParentBoundToCidrs_ChildIsBoundThereToo(string path)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/creator", new { policy = CreatorPolicy }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/bound", new { allowed_policies = new[] { "creator" }, token_bound_cidrs = new[] { "127.0.0.1/32" } }, HttpStatusCode.NoContent);
        var parent = await CreateTokenAsync(server, root, new { policies = new[] { "creator" } }, "v1/auth/token/create/bound");

        var child = await CreateTokenAsync(server, parent, new { policies = new[] { "default" } }, path);

        var lookup = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/lookup", new { token = child }, HttpStatusCode.OK)).GetProperty("data");
        // Vault's token lookup shows a single address without its /32, as it parses it.
        Assert.Equal(["127.0.0.1"], lookup.GetProperty("bound_cidrs").EnumerateArray().Select(c => c.GetString()));
        await ExpectAsync(server, child, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        using var elsewhere = From(IPAddress.Parse("127.0.0.2"), server.Address);
        await ExpectAsync(elsewhere, child, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
        await ExpectAsync(elsewhere, root, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
    }

    // On Linux all of 127/8 is loopback: a socket bound to 127.0.0.2 reaches the server on 127.0.0.1 from another address.
    private static HttpClient From(IPAddress local, Uri server)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server };
    }
}
