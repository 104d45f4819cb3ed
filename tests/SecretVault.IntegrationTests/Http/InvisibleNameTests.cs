using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Http;

/// <summary>
/// Issue 14 finding 11: a mount path, policy name or role name with an invisible character or a blank end
/// (<c>\u200bsecret</c>, <c>xx </c>) was stored beside, or folded into, the name it prints like. Each is a 400 that
/// names the problem, and nothing is created.
/// </summary>
public sealed class InvisibleNameTests
{
    private static readonly string[] Names = ["%E2%80%8Bsecret", "xx%20", "%20xx", "a%C2%A0b", "a%E2%80%AEb", "a%EF%BB%BFb"];

    [Fact]
    public async Task InvisibleOrBlankEndedNames_Are400NamingTheProblem_AndCreateNothing()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/approle", new { type = "approle" }, HttpStatusCode.NoContent);
        var before = await SnapshotAsync(server, root);

        foreach (var name in Names)
        {
            foreach (var (method, path, body) in new (HttpMethod, string, object)[]
            {
                (HttpMethod.Post, $"v1/sys/mounts/{name}", new { type = "kv" }),
                (HttpMethod.Post, $"v1/sys/mounts/app/{name}", new { type = "kv" }),
                (HttpMethod.Post, $"v1/sys/auth/{name}", new { type = "userpass" }),
                (HttpMethod.Put, $"v1/sys/policy/{name}", new { policy = "path \"x\" { capabilities = [\"read\"] }" }),
                (HttpMethod.Put, $"v1/sys/policies/acl/{name}", new { policy = "path \"x\" { capabilities = [\"read\"] }" }),
                (HttpMethod.Post, $"v1/auth/token/roles/{name}", new { allowed_policies = "default" }),
                (HttpMethod.Post, $"v1/auth/approle/role/{name}", new { token_policies = "default" }),
            })
            {
                var errors = await VaultHttp.ExpectErrorsAsync(server, root, method, path, body);
                Assert.Contains("invalid", Assert.Single(errors), StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await SnapshotAsync(server, root));
    }

    [Fact]
    public async Task VisibleNames_WithInnerSpacesOrUpperCase_AreStillAccepted()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/my%20kv", new { type = "kv" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policy/MyPolicy", new { policy = "path \"x\" { capabilities = [\"read\"] }" }, HttpStatusCode.OK);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/Web", new { allowed_policies = "default" }, HttpStatusCode.NoContent);
        var policies = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/policy", null, HttpStatusCode.OK);
        Assert.Contains("mypolicy", policies.GetProperty("data").GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    private static async Task<string> SnapshotAsync(TestServer server, string root)
    {
        var mounts = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.OK);
        var auths = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/auth", null, HttpStatusCode.OK);
        var policies = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/policy", null, HttpStatusCode.OK);
        var roles = await ListAsync(server, root, "v1/auth/token/roles");
        var appRoles = await ListAsync(server, root, "v1/auth/approle/role");
        return string.Join("|",
            string.Join(",", mounts.GetProperty("data").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)),
            string.Join(",", auths.GetProperty("data").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)),
            policies.GetProperty("data").GetProperty("policies").ToString(),
            roles,
            appRoles);
    }

    // An empty collection answers 404 to LIST, as in Vault.
    private static async Task<string> ListAsync(TestServer server, string root, string path)
    {
        using var response = await server.Http.SendAsync(TestServer.Request(new HttpMethod("LIST"), path, root, null));
        return response.StatusCode == HttpStatusCode.NotFound ? "none" : await response.Content.ReadAsStringAsync();
    }
}
