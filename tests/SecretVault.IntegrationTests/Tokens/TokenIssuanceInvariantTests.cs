using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>
/// Every way to obtain a token, through real HTTP: <c>auth/token/create</c>, <c>create-orphan</c>, <c>create/:role</c>
/// over every combination of a role's policy lists (with its orphan, token type and default-policy settings),
/// userpass and approle logins, and each of them response-wrapped. The invariant: a token never holds a policy its
/// caller lacks unless a role the caller may use grants it (a listed or glob-matched allowed policy, or with only
/// disallowed lists anything they do not name: Vault's rules), it never holds root unless a root token made it,
/// never response-wrapping or control-group, and a batch token is never a root token.
/// </summary>
public sealed class TokenIssuanceInvariantTests : IClassFixture<TokenIssuanceFixture>
{
    private static readonly string[] Reserved = ["root", "response-wrapping", "control-group"];

    // What a caller asks for; null leaves "policies" out.
    private static readonly string[]?[] Requests =
    [
        null, ["a"], ["b"], ["admin"], ["team-x"], ["ops-admin"], ["a", "admin"], ["default"],
        ["root"], ["Root"], ["response-wrapping"], ["control-group"], ["b", "control-group"],
    ];

    private static readonly string[] TokenTypes = ["default-service", "service", "batch", "default-batch"];

    private readonly TokenIssuanceFixture _f;

    public TokenIssuanceInvariantTests(TokenIssuanceFixture fixture)
    {
        _f = fixture;
    }

    /// <summary>Every combination of the four policy lists; orphan, token_type and token_no_default_policy vary across them.</summary>
    public static TheoryData<int, string[], string[], string[], string[], bool, string, bool> RoleShapes()
    {
        string[][] allowed = [[], ["b"], ["a"], ["admin"]];
        string[][] disallowed = [[], ["admin"], ["a"]];
        string[][] allowedGlob = [[], ["team-*"], ["*"]];
        string[][] disallowedGlob = [[], ["*admin*"]];
        var data = new TheoryData<int, string[], string[], string[], string[], bool, string, bool>();
        var n = 0;
        foreach (var al in allowed)
        {
            foreach (var di in disallowed)
            {
                foreach (var ag in allowedGlob)
                {
                    foreach (var dg in disallowedGlob)
                    {
                        data.Add(n, al, di, ag, dg, n / 4 % 2 == 1, TokenTypes[n % 4], n / 8 % 2 == 1);
                        n++;
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoleShapes))]
    public async Task CreateAgainstRole_NeverGivesAPolicyTheCallerLacks_UnlessTheRoleGrantsIt(
        int shape, string[] allowed, string[] disallowed, string[] allowedGlob, string[] disallowedGlob, bool orphan, string tokenType, bool noDefault)
    {
        var path = $"v1/auth/token/create/shape-{shape}";
        await ExpectAsync(_f.Server, _f.Root, HttpMethod.Post, $"v1/auth/token/roles/shape-{shape}", new
        {
            allowed_policies = allowed,
            disallowed_policies = disallowed,
            allowed_policies_glob = allowedGlob,
            disallowed_policies_glob = disallowedGlob,
            orphan,
            token_type = tokenType,
            token_no_default_policy = noDefault,
        }, HttpStatusCode.NoContent);
        var hasLists = allowed.Length + disallowed.Length + allowedGlob.Length + disallowedGlob.Length > 0;
        bool Disallowed(string p) => disallowed.Contains(p) || disallowedGlob.Any(g => GlobMatches(g, p));
        bool Grants(string p) => hasLists && !Disallowed(p)
            && (allowed.Length + allowedGlob.Length == 0 || p == "default" || allowed.Contains(p) || allowedGlob.Any(g => GlobMatches(g, p)));
        bool HeldOrGranted(string p) => _f.CallerPolicies.Contains(p) || Grants(p);

        foreach (var requested in Requests)
        {
            foreach (var type in new[] { "", "batch" })
            {
                var body = Body(requested, type, noParent: true);
                var (status, answer) = await SendAsync(_f.Caller, path, body);
                var context = $"role {shape} {JsonSerializer.Serialize(body)}";
                if (status != HttpStatusCode.OK)
                {
                    AssertRefused(status, answer, context);
                    var mayPass = requested is not null && !requested.Contains("default") && !requested.Any(IsReserved)
                        && requested.All(p => hasLists ? Grants(p) : _f.CallerPolicies.Contains(p));
                    Assert.False(mayPass, $"{context}: refused what the role allows: {answer}");
                    continue;
                }

                var auth = await AssertHeldOrGrantedAsync(answer.GetProperty("auth"), HeldOrGranted, context);
                Assert.Equal(orphan, auth.GetProperty("orphan").GetBoolean());
                var expectedType = tokenType switch
                {
                    "service" or "batch" => tokenType,
                    "default-batch" when type.Length == 0 => "batch",
                    _ => type.Length == 0 ? "service" : type,
                };
                Assert.Equal(expectedType, auth.GetProperty("token_type").GetString());
            }
        }

        // Wrapped, the token inside keeps to the same rule.
        var (wrapStatus, wrapped) = await SendAsync(_f.Caller, path, new Dictionary<string, object>(), wrapTtl: "5m");
        if (wrapStatus == HttpStatusCode.OK)
        {
            await AssertHeldOrGrantedAsync(await UnwrapAsync(wrapped), HeldOrGranted, $"role {shape} wrapped");
        }
        else
        {
            AssertRefused(wrapStatus, wrapped, $"role {shape} wrapped");
        }

        // A root caller may make root through a role that allows it, but never as a batch token.
        var (rootStatus, rootAnswer) = await SendAsync(_f.Root, path, Body(["root"], "", noParent: false));
        if (rootStatus == HttpStatusCode.OK)
        {
            Assert.Equal("service", rootAnswer.GetProperty("auth").GetProperty("token_type").GetString());
        }
        else
        {
            AssertRefused(rootStatus, rootAnswer, $"role {shape} root caller");
        }
    }

    [Theory]
    [InlineData("v1/auth/token/create", false)]
    [InlineData("v1/auth/token/create", true)]
    [InlineData("v1/auth/token/create-orphan", false)]
    [InlineData("v1/auth/token/create-orphan", true)]
    public async Task CreateWithoutRole_NeverGivesAPolicyTheCallerLacks_UnlessItHasSudoThere(string path, bool sudoCaller)
    {
        // A role that would grant anything: naming it in the body must change nothing.
        await ExpectAsync(_f.Server, _f.Root, HttpMethod.Post, "v1/auth/token/roles/grant-all", new { allowed_policies_glob = new[] { "*" }, orphan = true }, HttpStatusCode.NoContent);
        var caller = sudoCaller ? _f.SudoCaller : _f.Caller;
        var held = sudoCaller ? new[] { "a", "default", "sudo-creator" } : _f.CallerPolicies.ToArray();
        var sudo = sudoCaller && path.EndsWith("/create", StringComparison.Ordinal);
        var orphanPath = path.EndsWith("-orphan", StringComparison.Ordinal);

        foreach (var requested in Requests)
        {
            foreach (var (type, noParent) in new[] { ("", false), ("batch", false), ("", true) })
            {
                var body = Body(requested, type, noParent);
                body["role_name"] = "grant-all";
                var (status, answer) = await SendAsync(caller, path, body);
                var context = $"{path} sudo={sudoCaller} {JsonSerializer.Serialize(body)}";
                if (status != HttpStatusCode.OK)
                {
                    AssertRefused(status, answer, context);
                    var mayPass = !requested?.Any(IsReserved) ?? true;
                    mayPass &= sudo || (requested ?? []).All(held.Contains);
                    mayPass &= !noParent || orphanPath || sudo;
                    Assert.False(mayPass, $"{context}: refused what the caller may do: {answer}");
                    continue;
                }

                // Only sudo on the path called lifts the subset rule; nothing gives root or a reserved policy.
                var auth = await AssertHeldOrGrantedAsync(answer.GetProperty("auth"), p => sudo || held.Contains(p), context);
                Assert.Equal(orphanPath || (noParent && sudo), auth.GetProperty("orphan").GetBoolean());
            }
        }

        var (wrapStatus, wrapped) = await SendAsync(caller, path, new Dictionary<string, object> { ["role_name"] = "grant-all" }, wrapTtl: "5m");
        Assert.Equal(HttpStatusCode.OK, wrapStatus);
        await AssertHeldOrGrantedAsync(await UnwrapAsync(wrapped), held.Contains, $"{path} wrapped");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("admin,b")]
    [InlineData("response-wrapping")]
    [InlineData("control-group")]
    [InlineData("b,Control-Group")]
    [InlineData("root")]
    [InlineData(" Root ")]
    [InlineData("ｒｏｏｔ")]
    public async Task Logins_GiveTheConfiguredPolicies_NeverRootOrReserved(string tokenPolicies)
    {
        var configured = tokenPolicies.Split(',').Select(p => p.Trim().ToLowerInvariant()).ToArray();
        var name = "u" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(tokenPolicies)).ToLowerInvariant();

        var (userStatus, userAnswer) = await SendAsync(_f.Root, $"v1/auth/userpass/users/{name}", new Dictionary<string, object> { ["password"] = "pw", ["token_policies"] = tokenPolicies });
        var (roleStatus, roleAnswer) = await SendAsync(_f.Root, $"v1/auth/approle/role/{name}", new Dictionary<string, object> { ["token_policies"] = tokenPolicies });
        if (userStatus != HttpStatusCode.NoContent || roleStatus != HttpStatusCode.NoContent)
        {
            // Refused when stored: only root, in any spelling, is.
            AssertRefused(userStatus, userAnswer, name);
            AssertRefused(roleStatus, roleAnswer, name);
            Assert.Contains(tokenPolicies.Split(','), p => Reserved[0] == FoldWidth(p).Trim().ToLowerInvariant());
            return;
        }

        var roleId = (await ExpectAsync(_f.Server, _f.Root, HttpMethod.Get, $"v1/auth/approle/role/{name}/role-id", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("role_id").GetString()!;
        foreach (var wrapTtl in new string?[] { null, "5m" })
        {
            var secretId = (await ExpectAsync(_f.Server, _f.Root, HttpMethod.Post, $"v1/auth/approle/role/{name}/secret-id", new { }, HttpStatusCode.OK)).GetProperty("data").GetProperty("secret_id").GetString()!;
            var logins = new[]
            {
                await SendAsync(null, $"v1/auth/userpass/login/{name}", new Dictionary<string, object> { ["password"] = "pw" }, wrapTtl),
                await SendAsync(null, "v1/auth/approle/login", new Dictionary<string, object> { ["role_id"] = roleId, ["secret_id"] = secretId }, wrapTtl),
            };
            foreach (var (status, answer) in logins)
            {
                if (status != HttpStatusCode.OK)
                {
                    AssertRefused(status, answer, name);
                    Assert.Contains(configured, IsReserved);
                    continue;
                }

                Assert.DoesNotContain(configured, IsReserved);
                var auth = wrapTtl is null ? answer.GetProperty("auth") : await UnwrapAsync(answer);
                await AssertHeldOrGrantedAsync(auth, p => p == "default" || configured.Contains(p), $"login {name} wrapped={wrapTtl is not null}");
            }
        }
    }

    private static Dictionary<string, object> Body(string[]? policies, string type, bool noParent)
    {
        var body = new Dictionary<string, object>();
        if (policies is not null)
        {
            body["policies"] = policies;
        }

        if (type.Length > 0)
        {
            body["type"] = type;
        }

        if (noParent)
        {
            body["no_parent"] = true;
        }

        return body;
    }

    // The auth block's policies and the stored token's agree, and each is held by the caller or granted to it.
    private async Task<JsonElement> AssertHeldOrGrantedAsync(JsonElement auth, Func<string, bool> heldOrGranted, string context)
    {
        var policies = auth.GetProperty("policies").EnumerateArray().Select(p => p.GetString()!).ToList();
        var token = auth.GetProperty("client_token").GetString()!;
        var stored = (await ExpectAsync(_f.Server, _f.Root, HttpMethod.Post, "v1/auth/token/lookup", new { token }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(policies.Order(StringComparer.Ordinal), stored.GetProperty("policies").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal));
        foreach (var policy in policies)
        {
            Assert.False(IsReserved(policy), $"{context}: the token holds \"{policy}\"");
            Assert.True(heldOrGranted(policy), $"{context}: the token holds \"{policy}\", which the caller lacks and nothing grants");
        }

        return auth;
    }

    private static void AssertRefused(HttpStatusCode status, JsonElement answer, string context)
    {
        Assert.True(status == HttpStatusCode.BadRequest, $"{context}: expected 200 or 400, got {(int)status}: {answer}");
        Assert.NotEmpty(answer.GetProperty("errors").EnumerateArray());
    }

    private async Task<JsonElement> UnwrapAsync(JsonElement wrapped)
    {
        var wrappingToken = wrapped.GetProperty("wrap_info").GetProperty("token").GetString()!;
        return (await ExpectAsync(_f.Server, wrappingToken, HttpMethod.Post, "v1/sys/wrapping/unwrap", null, HttpStatusCode.OK)).GetProperty("auth");
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> SendAsync(string? token, string path, Dictionary<string, object> body, string? wrapTtl = null)
    {
        using var request = TestServer.Request(HttpMethod.Post, path, token, body);
        if (wrapTtl is not null)
        {
            request.Headers.Add("X-Vault-Wrap-TTL", wrapTtl);
        }

        using var response = await _f.Server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static bool IsReserved(string policy) => Reserved.Contains(FoldWidth(policy).Trim().ToLowerInvariant());

    // Full-width letters are the look-alikes a test can type; the server's own fold covers more.
    private static string FoldWidth(string text) => new([.. text.Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c)]);

    // Vault's policy globs: '*' is any run of characters, anywhere. Written apart from the server's matcher on purpose.
    private static bool GlobMatches(string glob, string value) =>
        Regex.IsMatch(value, "^" + string.Join(".*", glob.Split('*').Select(Regex.Escape)) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
