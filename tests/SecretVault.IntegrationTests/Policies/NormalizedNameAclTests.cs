using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Policies;

/// <summary>
/// A name the backend normalizes after the ACL check (issue 15 item 10's class): a deny on the stored name cannot be
/// bypassed by another spelling, and a spelling the caller may use on the stored name still works as in Vault.
/// </summary>
public sealed class NormalizedNameAclTests
{
    public static TheoryData<string, string, object> Objects => new()
    {
        // userpass lower-cases and trims usernames, as Vault lower-cases them.
        { "auth/up/users/alice", "auth/up/users/ALICE", new { password = "pw" } },
        { "auth/up/users/alice", "auth/up/users/Alice", new { password = "pw" } },
        // AppRole role names are case-insensitive, as in Vault.
        { "auth/ar/role/web", "auth/ar/role/WEB", new { token_ttl = "1h" } },
    };

    private static async Task<(TestServer Server, string Root, string Limited)> StartAsync(string deniedPath)
    {
        var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/up", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/ar", new { type = "approle" }, HttpStatusCode.NoContent);
        var policy = $$"""
            path "auth/*" { capabilities = ["create", "read", "update", "delete", "list"] }
            path "{{deniedPath}}" { capabilities = ["deny"] }
            path "{{deniedPath}}/*" { capabilities = ["deny"] }
            """;
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/limited", new { policy }, HttpStatusCode.NoContent);
        return (server, root, await CreateTokenAsync(server, root, new { policies = new[] { "limited" } }));
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public async Task DenyOnTheStoredName_CannotBeBypassedByAnotherSpelling(string stored, string spelled, object body)
    {
        var (server, root, limited) = await StartAsync(stored);
        await using var owned = server;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/" + stored, body, HttpStatusCode.NoContent);
        var before = await ExpectAsync(server, root, HttpMethod.Get, "v1/" + stored, null, HttpStatusCode.OK);

        await ExpectAsync(server, limited, HttpMethod.Post, "v1/" + spelled, body, HttpStatusCode.Forbidden);
        await ExpectAsync(server, limited, HttpMethod.Get, "v1/" + spelled, null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, limited, HttpMethod.Delete, "v1/" + spelled, null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, limited, HttpMethod.Get, "v1/" + spelled + "/policies", null, HttpStatusCode.Forbidden);

        var after = await ExpectAsync(server, root, HttpMethod.Get, "v1/" + stored, null, HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("data").GetRawText(), after.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task MixedCaseNames_StillActOnTheStoredName_ForWhoeverMayUseIt()
    {
        var (server, _, limited) = await StartAsync("auth/up/users/nobody");
        await using var owned = server;

        await ExpectAsync(server, limited, HttpMethod.Post, "v1/auth/up/users/Bob", new { password = "pw" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, limited, HttpMethod.Get, "v1/auth/up/users/bob", null, HttpStatusCode.OK);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/up/login/BOB", new { password = "pw" }, HttpStatusCode.OK);
        await ExpectAsync(server, limited, HttpMethod.Delete, "v1/auth/up/users/BOB", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, limited, HttpMethod.Get, "v1/auth/up/users/bob", null, HttpStatusCode.NotFound);

        await ExpectAsync(server, limited, HttpMethod.Post, "v1/auth/ar/role/Web", new { token_ttl = "1h" }, HttpStatusCode.NoContent);
        var roleId = await ExpectAsync(server, limited, HttpMethod.Get, "v1/auth/ar/role/WEB/role-id", null, HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(roleId.GetProperty("data").GetProperty("role_id").GetString()));
        await ExpectAsync(server, limited, HttpMethod.Get, "v1/auth/ar/role/web", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenRoleNames_AreCaseSensitive_AsVault_SoADenyOnOneNameCoversWhatItStores()
    {
        var server = await TestServer.StartInMemoryAsync();
        await using var owned = server;
        var root = await server.InitAndUnsealAsync();
        const string Policy = """
            path "auth/token/*" { capabilities = ["create", "read", "update", "delete", "list", "sudo"] }
            path "auth/token/roles/web" { capabilities = ["deny"] }
            path "auth/token/create/web" { capabilities = ["deny"] }
            """;
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/limited", new { policy = Policy }, HttpStatusCode.NoContent);
        var limited = await CreateTokenAsync(server, root, new { policies = new[] { "limited" } });
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/web", new { allowed_policies = new[] { "default" } }, HttpStatusCode.NoContent);

        // WEB is another role: writing it leaves web as it was, and deleting it cannot remove web.
        await ExpectAsync(server, limited, HttpMethod.Post, "v1/auth/token/roles/WEB", new { allowed_policies = new[] { "limited" }, orphan = true }, HttpStatusCode.NoContent);
        await ExpectAsync(server, limited, HttpMethod.Delete, "v1/auth/token/roles/WEB", null, HttpStatusCode.NoContent);
        var web = await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/token/roles/web", null, HttpStatusCode.OK);
        Assert.Equal(["default"], web.GetProperty("data").GetProperty("allowed_policies").EnumerateArray().Select(p => p.GetString()));
        Assert.False(web.GetProperty("data").GetProperty("orphan").GetBoolean());
        await ExpectAsync(server, limited, HttpMethod.Get, "v1/auth/token/roles/web", null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, limited, HttpMethod.Post, "v1/auth/token/create/web", new { }, HttpStatusCode.Forbidden);
        Assert.Equal(["unknown role WEB"], await ExpectErrorsAsync(server, limited, HttpMethod.Post, "v1/auth/token/create/WEB", new { }));

        // A mixed-case role works under the name it was written with, as in Vault.
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/Ops", new { allowed_policies = new[] { "default" } }, HttpStatusCode.NoContent);
        var created = await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create/Ops", new { }, HttpStatusCode.OK);
        Assert.Equal("Ops", (await ExpectAsync(server, created.GetProperty("auth").GetProperty("client_token").GetString(), HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("role").GetString());
    }
}
