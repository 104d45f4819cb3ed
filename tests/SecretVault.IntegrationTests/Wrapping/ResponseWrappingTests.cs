using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Time;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Wrapping;

/// <summary>X-Vault-Wrap-TTL and <c>sys/wrapping/*</c>.</summary>
public sealed class ResponseWrappingTests
{
    private static async Task<JsonElement> SendAsync(TestServer server, string? token, HttpMethod method, string path, object? body, string? wrapTtl, HttpStatusCode expected)
    {
        using var request = TestServer.Request(method, path, token, body);
        if (wrapTtl is not null)
        {
            request.Headers.Add("X-Vault-Wrap-TTL", wrapTtl);
        }

        using var response = await server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task AnyRead_IsWrapped_ThenUnwrappedOnce_WithTheOriginalEnvelope()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/kv/app", new { password = "p4ss" }, HttpStatusCode.NoContent);

        var wrapped = await SendAsync(server, root, HttpMethod.Get, "v1/kv/app", null, "5m", HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, wrapped.GetProperty("data").ValueKind);
        Assert.DoesNotContain("p4ss", wrapped.GetRawText(), StringComparison.Ordinal);
        var info = wrapped.GetProperty("wrap_info");
        Assert.Equal(300, info.GetProperty("ttl").GetInt64());
        Assert.Equal("kv/app", info.GetProperty("creation_path").GetString());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("accessor").GetString()));
        var wrapToken = info.GetProperty("token").GetString()!;

        // Lookup needs no token and does not spend the wrapping token.
        var lookup = await SendAsync(server, null, HttpMethod.Post, "v1/sys/wrapping/lookup", new { token = wrapToken }, null, HttpStatusCode.OK);
        Assert.Equal("kv/app", lookup.GetProperty("data").GetProperty("creation_path").GetString());
        Assert.Equal(300, lookup.GetProperty("data").GetProperty("creation_ttl").GetInt64());

        // Without a token nothing but a login is wrapped: anonymous callers cannot mint wrapping tokens.
        var anonymous = await SendAsync(server, null, HttpMethod.Post, "v1/sys/wrapping/lookup", new { token = wrapToken }, "1m", HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("wrap_info").ValueKind);
        Assert.Equal("kv/app", anonymous.GetProperty("data").GetProperty("creation_path").GetString());

        // Unwrap with the wrapping token as the client token: the original envelope, once.
        var unwrapped = await SendAsync(server, wrapToken, HttpMethod.Post, "v1/sys/wrapping/unwrap", null, null, HttpStatusCode.OK);
        Assert.Equal("p4ss", unwrapped.GetProperty("data").GetProperty("password").GetString());
        Assert.Equal(2764800, unwrapped.GetProperty("lease_duration").GetInt64());
        await SendAsync(server, root, HttpMethod.Post, "v1/sys/wrapping/unwrap", new { token = wrapToken }, null, HttpStatusCode.BadRequest);
        await SendAsync(server, null, HttpMethod.Post, "v1/sys/wrapping/lookup", new { token = wrapToken }, null, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WrapEndpoint_BodyTokenUnwrap_Rewrap_AndErrors()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var user = await CreateTokenAsync(server, root, new { policies = new[] { "default" } });

        using (var noHeader = await server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/sys/wrapping/wrap", user, new { zip = "zap" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noHeader.StatusCode);
            Assert.Equal(["endpoint requires response wrapping to be used"], await JsonBody.ErrorsAsync(noHeader));
        }

        var capped = await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/wrap", new { zip = "zap" }, "100000h", HttpStatusCode.OK);
        Assert.Equal(2764800, capped.GetProperty("wrap_info").GetProperty("ttl").GetInt64());

        var wrapped = await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/wrap", new { zip = "zap" }, "120", HttpStatusCode.OK);
        var first = wrapped.GetProperty("wrap_info").GetProperty("token").GetString()!;
        Assert.Equal("sys/wrapping/wrap", wrapped.GetProperty("wrap_info").GetProperty("creation_path").GetString());

        // Vault's default policy has no rewrap: a user needs a policy granting it (root here).
        await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/rewrap", new { token = first }, null, HttpStatusCode.Forbidden);
        var rewrapped = await SendAsync(server, root, HttpMethod.Post, "v1/sys/wrapping/rewrap", new { token = first }, null, HttpStatusCode.OK);
        var second = rewrapped.GetProperty("wrap_info").GetProperty("token").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(120, rewrapped.GetProperty("wrap_info").GetProperty("ttl").GetInt64());
        await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/unwrap", new { token = first }, null, HttpStatusCode.BadRequest);

        var unwrapped = await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/unwrap", new { token = second }, null, HttpStatusCode.OK);
        Assert.Equal("zap", unwrapped.GetProperty("data").GetProperty("zip").GetString());
        var reuse = await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/unwrap", new { token = second }, null, HttpStatusCode.BadRequest);
        Assert.Equal("wrapping token is not valid or does not exist", reuse.GetProperty("errors")[0].GetString());

        // A normal token is not a wrapping token, and its uses are not spent by trying.
        var limited = await CreateTokenAsync(server, root, new { policies = new[] { "default" }, num_uses = 5 });
        await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/unwrap", new { token = limited }, null, HttpStatusCode.BadRequest);
        var self = await ExpectAsync(server, limited, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        Assert.Equal(4, self.GetProperty("data").GetProperty("num_uses").GetInt64());

        await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/wrap", new { a = 1 }, "-5s", HttpStatusCode.BadRequest);
        var bad = await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/wrap", new { a = 1 }, "soon", HttpStatusCode.BadRequest);
        Assert.StartsWith("error parsing X-Vault-Wrap-TTL header", bad.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrapWithEmptyBody_WrapsNoData_AndUnwrapAnswersNullData()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        var wrapped = await SendAsync(server, root, HttpMethod.Post, "v1/sys/wrapping/wrap", null, "60", HttpStatusCode.OK);
        var token = wrapped.GetProperty("wrap_info").GetProperty("token").GetString();
        var unwrapped = await SendAsync(server, root, HttpMethod.Post, "v1/sys/wrapping/unwrap", new { token }, null, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, unwrapped.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData("0.5s")]
    [InlineData("500ms")]
    [InlineData("1ns")]
    public async Task SubSecondWrapTtl_RoundsUpToOneSecond_AndTheWrappingTokenExpires(string wrapTtl)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: clock);
        var root = await server.InitAndUnsealAsync();
        var user = await CreateTokenAsync(server, root, new { policies = new[] { "default" } });

        var wrapped = await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/wrap", new { secret = "s" }, wrapTtl, HttpStatusCode.OK);
        var info = wrapped.GetProperty("wrap_info");
        Assert.Equal(1, info.GetProperty("ttl").GetInt64());
        var token = info.GetProperty("token").GetString();
        var lookup = await SendAsync(server, null, HttpMethod.Post, "v1/sys/wrapping/lookup", new { token }, null, HttpStatusCode.OK);
        Assert.Equal(1, lookup.GetProperty("data").GetProperty("creation_ttl").GetInt64());

        clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await SendAsync(server, user, HttpMethod.Post, "v1/sys/wrapping/unwrap", new { token }, null, HttpStatusCode.BadRequest);
        Assert.Equal("wrapping token is not valid or does not exist", expired.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task ZeroWrapTtl_IsNoWrapping_AsInVault()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var refused = await SendAsync(server, root, HttpMethod.Post, "v1/sys/wrapping/wrap", new { secret = "s" }, "0s", HttpStatusCode.BadRequest);
        Assert.Equal("endpoint requires response wrapping to be used", refused.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task ConcurrentUnwraps_OnlyOneGetsTheSecret()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var wrapped = await SendAsync(server, root, HttpMethod.Post, "v1/sys/wrapping/wrap", new { secret = "once" }, "1m", HttpStatusCode.OK);
        var token = wrapped.GetProperty("wrap_info").GetProperty("token").GetString()!;
        var codes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/sys/wrapping/unwrap", root, new { token }));
            return response.StatusCode;
        }));
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.OK));
        Assert.Equal(19, codes.Count(c => c == HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task WrappedLogin_CarriesWrappedAccessor_AndPolicyBoundsAreEnforced()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var created = await SendAsync(server, root, HttpMethod.Post, "v1/auth/token/create", new { policies = new[] { "default" } }, "1m", HttpStatusCode.OK);
        var info = created.GetProperty("wrap_info");
        Assert.Equal(JsonValueKind.Null, created.GetProperty("auth").ValueKind);
        var unwrapped = await SendAsync(server, info.GetProperty("token").GetString(), HttpMethod.Post, "v1/sys/wrapping/unwrap", null, null, HttpStatusCode.OK);
        Assert.Equal(info.GetProperty("wrapped_accessor").GetString(), unwrapped.GetProperty("auth").GetProperty("accessor").GetString());
        var inner = unwrapped.GetProperty("auth").GetProperty("client_token").GetString();
        await ExpectAsync(server, inner, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/kv/app", new { v = "1" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/wrapped", new { policy = "path \"kv/*\" {\n capabilities = [\"read\"]\n min_wrapping_ttl = \"1m\"\n max_wrapping_ttl = \"10m\"\n}" }, HttpStatusCode.NoContent);
        var reader = await CreateTokenAsync(server, root, new { policies = new[] { "wrapped" } });
        await SendAsync(server, reader, HttpMethod.Get, "v1/kv/app", null, null, HttpStatusCode.Forbidden);
        await SendAsync(server, reader, HttpMethod.Get, "v1/kv/app", null, "30s", HttpStatusCode.Forbidden);
        await SendAsync(server, reader, HttpMethod.Get, "v1/kv/app", null, "1h", HttpStatusCode.Forbidden);
        var ok = await SendAsync(server, reader, HttpMethod.Get, "v1/kv/app", null, "5m", HttpStatusCode.OK);
        Assert.Equal(300, ok.GetProperty("wrap_info").GetProperty("ttl").GetInt64());
    }

    [Fact]
    public async Task MaxWrappingTtlAlone_RefusesPlainAnswers_AndLongerTtls()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/kv/x", new { v = "plain-secret" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/capped", new { policy = "path \"kv/x\" {\n capabilities = [\"read\"]\n max_wrapping_ttl = \"60s\"\n}" }, HttpStatusCode.NoContent);
        var reader = await CreateTokenAsync(server, root, new { policies = new[] { "capped" } });

        var plain = await SendAsync(server, reader, HttpMethod.Get, "v1/kv/x", null, null, HttpStatusCode.Forbidden);
        Assert.Equal("permission denied", plain.GetProperty("errors")[0].GetString());
        Assert.DoesNotContain("plain-secret", plain.GetRawText(), StringComparison.Ordinal);
        await SendAsync(server, reader, HttpMethod.Get, "v1/kv/x", null, "61s", HttpStatusCode.Forbidden);
        var wrapped = await SendAsync(server, reader, HttpMethod.Get, "v1/kv/x", null, "60s", HttpStatusCode.OK);
        Assert.Equal(60, wrapped.GetProperty("wrap_info").GetProperty("ttl").GetInt64());
    }
}
