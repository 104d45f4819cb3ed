using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Auth;

/// <summary>userpass and approle mounted in a real server: logins mint tokens whose policies the ACL enforces.</summary>
public sealed class AuthMethodTests
{
    [Fact]
    public async Task UserPass_LoginReturnsVaultsAuthBlock_AndTheTokenIsBoundByItsPolicy()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/secret/team", new { v = "1" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/reader", new { policy = """path "secret/*" { capabilities = ["read"] }""" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/userpass/users/Alice", new { password = "correct horse", token_policies = "reader" }, HttpStatusCode.NoContent);

        var user = (await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/userpass/users/alice", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.False(user.TryGetProperty("password", out _));
        Assert.Equal(["reader"], user.GetProperty("token_policies").EnumerateArray().Select(p => p.GetString()));

        var login = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = "correct horse" }, HttpStatusCode.OK);
        var auth = login.GetProperty("auth");
        var token = auth.GetProperty("client_token").GetString()!;
        Assert.StartsWith("hvs.", token, StringComparison.Ordinal);
        Assert.Equal(["default", "reader"], auth.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("alice", auth.GetProperty("metadata").GetProperty("username").GetString());
        Assert.True(auth.GetProperty("orphan").GetBoolean());
        Assert.Equal(2764800, auth.GetProperty("lease_duration").GetInt64());
        Assert.Equal("", auth.GetProperty("entity_id").GetString());

        var self = (await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("auth/userpass/login/alice", self.GetProperty("path").GetString());
        Assert.Equal("userpass-alice", self.GetProperty("display_name").GetString());

        await ExpectAsync(server, token, HttpMethod.Get, "v1/secret/team", null, HttpStatusCode.OK);
        await ExpectAsync(server, token, HttpMethod.Put, "v1/secret/team", new { v = "2" }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UserPass_WrongPasswordAndUnknownUser_GiveTheSameError_MissingFieldIs400()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/userpass/users/bob", new { password = "secret-pw" }, HttpStatusCode.NoContent);
        var wrong = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/bob", new { password = "nope" }, HttpStatusCode.BadRequest);
        var unknown = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/nobody", new { password = "nope" }, HttpStatusCode.BadRequest);
        Assert.Equal(wrong.GetRawText(), unknown.GetRawText());
        Assert.Equal("invalid username or password", wrong.GetProperty("errors")[0].GetString());
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/bob", new { }, HttpStatusCode.BadRequest);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/userpass/users/eve", new { password = "x", token_policies = "Root" }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AppRole_RoleIdAndSecretIdLogin_MintsATokenWithTheRolesPolicies()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/approle", new { type = "approle" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/ci", new { token_policies = "reader", token_ttl = "10m", secret_id_num_uses = 1 }, HttpStatusCode.NoContent);
        var roleId = (await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/approle/role/ci/role-id", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("role_id").GetString();
        var secret = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/ci/secret-id", new { }, HttpStatusCode.OK)).GetProperty("data");
        var secretId = secret.GetProperty("secret_id").GetString();

        var login = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/approle/login", new { role_id = roleId, secret_id = secretId }, HttpStatusCode.OK);
        var auth = login.GetProperty("auth");
        Assert.Equal(["default", "reader"], auth.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(600, auth.GetProperty("lease_duration").GetInt64());
        Assert.Equal("ci", auth.GetProperty("metadata").GetProperty("role_name").GetString());
        await ExpectAsync(server, auth.GetProperty("client_token").GetString(), HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);

        // The secret ID had one use.
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/approle/login", new { role_id = roleId, secret_id = secretId }, HttpStatusCode.BadRequest);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/approle/login", new { secret_id = secretId }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DisablingAnAuthMount_DeletesItsUsers()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/up", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/up/users/carol", new { password = "pw" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/auth/up", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/up", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/up/login/carol", new { password = "pw" }, HttpStatusCode.BadRequest);
    }
}
