using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>
/// Issue 14's token findings through real HTTP: a token role without policy lists, a role picked by the body,
/// the policies kept for the core's own tokens, and root batch tokens.
/// </summary>
public sealed class TokenEscalationTests : IAsyncLifetime
{
    // May create tokens through any role, but holds only "reader" (and default).
    private const string RoleUser = """
        path "auth/token/create/*" { capabilities = ["update"] }
        path "auth/token/create" { capabilities = ["update"] }
        """;

    private TestServer _server = null!;
    private string _root = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartInMemoryAsync();
        _root = await _server.InitAndUnsealAsync();
        await PutPolicyAsync("role-user", RoleUser);
        await PutPolicyAsync("reader", """path "secret/*" { capabilities = ["read"] }""");
        await PutPolicyAsync("admin", """path "*" { capabilities = ["create", "read", "update", "delete", "list", "sudo"] }""");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RoleWithoutPolicyLists_CallerAsksForAPolicyItLacks_IsRefused()
    {
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/plain", new { }, HttpStatusCode.NoContent);
        var caller = await CreateTokenAsync(_server, _root, new { policies = new[] { "role-user", "reader" } });

        var errors = await ExpectErrorsAsync(_server, caller, HttpMethod.Post, "v1/auth/token/create/plain", new { policies = new[] { "admin" } });
        Assert.Equal(["child policies must be subset of parent"], errors);

        // What the caller holds it may pass on, and with nothing asked the token gets the caller's policies.
        Assert.Equal(["default", "reader"], await PoliciesOfNewTokenAsync(caller, "v1/auth/token/create/plain", new { policies = new[] { "reader" } }));
        Assert.Equal(["default", "reader", "role-user"], await PoliciesOfNewTokenAsync(caller, "v1/auth/token/create/plain", new { }));
    }

    [Fact]
    public async Task SudoOnCreate_DoesNotLiftTheSubsetRuleOfARolePath()
    {
        // Vault asks for sudo on the path called: sudo on auth/token/create says nothing about create/<role>.
        await PutPolicyAsync("create-sudo", """
            path "auth/token/create" { capabilities = ["update", "sudo"] }
            path "auth/token/create/*" { capabilities = ["update"] }
            """);
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/plain-sudo", new { }, HttpStatusCode.NoContent);
        var caller = await CreateTokenAsync(_server, _root, new { policies = new[] { "create-sudo" } });

        var errors = await ExpectErrorsAsync(_server, caller, HttpMethod.Post, "v1/auth/token/create/plain-sudo", new { policies = new[] { "admin" } });
        Assert.Equal(["child policies must be subset of parent"], errors);
        Assert.Equal(["admin", "default"], await PoliciesOfNewTokenAsync(caller, "v1/auth/token/create", new { policies = new[] { "admin" } }));
    }

    [Fact]
    public async Task RoleWithAllowedPolicies_NothingAsked_GivesTheRolesPoliciesPlusDefault()
    {
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/grants-admin", new { allowed_policies = new[] { "admin" } }, HttpStatusCode.NoContent);
        var caller = await CreateTokenAsync(_server, _root, new { policies = new[] { "role-user", "reader" } });

        // The role is how an operator lets a caller hand out a policy it does not hold.
        Assert.Equal(["admin", "default"], await PoliciesOfNewTokenAsync(caller, "v1/auth/token/create/grants-admin", new { }));
        Assert.Equal(["admin", "default"], await PoliciesOfNewTokenAsync(caller, "v1/auth/token/create/grants-admin", new { policies = new[] { "admin" } }));
        var errors = await ExpectErrorsAsync(_server, caller, HttpMethod.Post, "v1/auth/token/create/grants-admin", new { policies = new[] { "reader" } });
        Assert.Equal(["""token policies (["reader" "default"]) must be subset of the role's allowed policies (["admin" "default"]) or glob policies ([])"""], errors);
    }

    [Theory]
    [InlineData("*admin*", "super-admin-1")]
    [InlineData("ops-*-admin", "ops-eu-admin")]
    [InlineData("*", "reader")]
    public async Task DisallowedGlob_MatchesAStarAnywhere(string glob, string policy)
    {
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/deny-glob", new { disallowed_policies_glob = new[] { glob } }, HttpStatusCode.NoContent);
        var caller = await CreateTokenAsync(_server, _root, new { policies = new[] { "role-user" } });

        var errors = await ExpectErrorsAsync(_server, caller, HttpMethod.Post, "v1/auth/token/create/deny-glob", new { policies = new[] { policy } });
        Assert.Equal([$"token policy \"{policy}\" is disallowed by this role"], errors);
    }

    [Fact]
    public async Task RoleNameInTheBody_OfCreate_IsIgnored()
    {
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/adminrole", new { allowed_policies = new[] { "admin" } }, HttpStatusCode.NoContent);
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/orphanrole", new { orphan = true }, HttpStatusCode.NoContent);
        await PutPolicyAsync("create-only", """path "auth/token/create" { capabilities = ["update"] }""");
        var caller = await CreateTokenAsync(_server, _root, new { policies = new[] { "create-only" } });
        await ExpectAsync(_server, caller, HttpMethod.Post, "v1/auth/token/create/adminrole", new { policies = new[] { "admin" } }, HttpStatusCode.Forbidden);

        var errors = await ExpectErrorsAsync(_server, caller, HttpMethod.Post, "v1/auth/token/create", new { role_name = "adminrole", policies = new[] { "admin" } });
        Assert.Equal(["child policies must be subset of parent"], errors);

        var created = await ExpectAsync(_server, caller, HttpMethod.Post, "v1/auth/token/create", new { role_name = "orphanrole" }, HttpStatusCode.OK);
        Assert.False(created.GetProperty("auth").GetProperty("orphan").GetBoolean());
        Assert.Contains("Endpoint ignored these unrecognized parameters: [role_name]", created.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        var self = await LookupSelfAsync(created.GetProperty("auth").GetProperty("client_token").GetString()!);
        Assert.Equal("auth/token/create", self.GetProperty("path").GetString());
        Assert.False(self.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String);
    }

    [Theory]
    [InlineData("response-wrapping")]
    [InlineData("control-group")]
    [InlineData(" Response-Wrapping ")]
    public async Task InternalPolicies_CannotBeAssigned_EvenByRoot(string policy)
    {
        var expected = $"cannot assign policy \"{policy.Trim().ToLowerInvariant()}\"";
        Assert.Equal([expected], await ExpectErrorsAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create", new { policies = new[] { policy }, no_default_policy = true }));
        Assert.Equal([expected], await ExpectErrorsAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create-orphan", new { policies = new[] { policy } }));

        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/anything", new { allowed_policies_glob = new[] { "*" } }, HttpStatusCode.NoContent);
        Assert.Equal([expected], await ExpectErrorsAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create/anything", new { policies = new[] { policy } }));
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/listed", new { allowed_policies = new[] { policy } }, HttpStatusCode.NoContent);
        Assert.Equal([expected], await ExpectErrorsAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create/listed", new { }));
    }

    [Theory]
    [InlineData("response-wrapping")]
    [InlineData("control-group")]
    public async Task InternalPolicies_InALoginsTokenPolicies_RefuseTheLogin(string policy)
    {
        // As Vault: the user or role is stored, the login that would mint the token is refused.
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/userpass/users/mallory", new { password = "pw", token_policies = new[] { "reader", policy } }, HttpStatusCode.NoContent);
        var errors = await ExpectErrorsAsync(_server, null, HttpMethod.Post, "v1/auth/userpass/login/mallory", new { password = "pw" });
        Assert.Equal([$"cannot assign policy \"{policy}\""], errors);

        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/sys/auth/approle", new { type = "approle" }, HttpStatusCode.NoContent);
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/approle/role/forger", new { token_policies = new[] { policy } }, HttpStatusCode.NoContent);
        var roleId = (await ExpectAsync(_server, _root, HttpMethod.Get, "v1/auth/approle/role/forger/role-id", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("role_id").GetString();
        var secretId = (await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/approle/role/forger/secret-id", new { }, HttpStatusCode.OK)).GetProperty("data").GetProperty("secret_id").GetString();
        errors = await ExpectErrorsAsync(_server, null, HttpMethod.Post, "v1/auth/approle/login", new { role_id = roleId, secret_id = secretId });
        Assert.Equal([$"cannot assign policy \"{policy}\""], errors);
    }

    [Fact]
    public async Task BatchTokens_CannotBeRootTokens()
    {
        Assert.Equal(["batch tokens cannot be root tokens"], await ExpectErrorsAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create", new { type = "batch" }));
        Assert.Equal(["batch tokens cannot be root tokens"], await ExpectErrorsAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create", new { type = "batch", policies = new[] { "root" } }));
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/batcher", new { token_type = "batch", allowed_policies_glob = new[] { "*" } }, HttpStatusCode.NoContent);
        Assert.Equal(["batch tokens cannot be root tokens"], await ExpectErrorsAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create/batcher", new { policies = new[] { "root" } }));

        // A batch token of other policies is still made.
        var batch = await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create", new { type = "batch", policies = new[] { "reader" } }, HttpStatusCode.OK);
        Assert.Equal("batch", batch.GetProperty("auth").GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task RoleTokenType_ServiceOrBatch_IsForced_DefaultOnlyFillsIn()
    {
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/forced-batch", new { token_type = "batch" }, HttpStatusCode.NoContent);
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/forced-service", new { token_type = "service" }, HttpStatusCode.NoContent);
        await ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/maybe-batch", new { token_type = "default-batch" }, HttpStatusCode.NoContent);

        Assert.Equal("batch", await TypeOfNewTokenAsync("forced-batch", "service"));
        Assert.Equal("service", await TypeOfNewTokenAsync("forced-service", "batch"));
        Assert.Equal("service", await TypeOfNewTokenAsync("maybe-batch", "service"));
        Assert.Equal("batch", await TypeOfNewTokenAsync("maybe-batch", null));
    }

    private async Task<string?> TypeOfNewTokenAsync(string role, string? type)
    {
        var created = await ExpectAsync(_server, _root, HttpMethod.Post, $"v1/auth/token/create/{role}", type is null ? new { policies = new[] { "reader" } } : new { policies = new[] { "reader" }, type }, HttpStatusCode.OK);
        return created.GetProperty("auth").GetProperty("token_type").GetString();
    }

    private async Task<IReadOnlyList<string>> PoliciesOfNewTokenAsync(string caller, string path, object body)
    {
        var token = await CreateTokenAsync(_server, caller, body, path);
        var self = await LookupSelfAsync(token);
        return [.. self.GetProperty("policies").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal)];
    }

    private async Task<JsonElement> LookupSelfAsync(string token) =>
        (await ExpectAsync(_server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");

    private Task PutPolicyAsync(string name, string policy) =>
        ExpectAsync(_server, _root, HttpMethod.Put, $"v1/sys/policies/acl/{name}", new { policy }, HttpStatusCode.NoContent);
}
