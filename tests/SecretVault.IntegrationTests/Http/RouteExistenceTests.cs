using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Http;

/// <summary>
/// The ACL is checked on the full path before the backend matches a route, as in Vault: a token without rights
/// cannot tell an unknown route of a mount from an unmounted path; a token with rights gets the backend's answer.
/// </summary>
public sealed class RouteExistenceTests
{
    private static readonly HttpMethod List = new("LIST");

    [Fact]
    public async Task UnknownRouteOfAMount_WithoutRights_AnswersAsAnUnmountedPath()
    {
        // Finding 9: POST transit/bogus answered 404 (the existence check matched routes before the ACL) where an
        // unmounted path answered 403.
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv1", new { type = "kv" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/elsewhere", new { policy = """path "other/*" { capabilities = ["create", "read", "update", "delete", "list", "sudo"] }""" }, HttpStatusCode.NoContent);
        var nobody = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "default" } });
        var elsewhere = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "elsewhere" } });

        foreach (var token in new[] { nobody, elsewhere })
        {
            foreach (var (method, query) in new[] { (HttpMethod.Post, ""), (HttpMethod.Put, ""), (HttpMethod.Get, ""), (HttpMethod.Delete, ""), (List, ""), (HttpMethod.Get, "?help=1") })
            {
                using var unmounted = await server.Http.SendAsync(TestServer.Request(method, "v1/nothing-here/bogus" + query, token, new { a = 1 }));
                var expected = await unmounted.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.Forbidden, unmounted.StatusCode);

                // The root of a KV v1 mount is no storage key: its existence check refused it with 400 before the ACL.
                foreach (var path in new[] { "v1/transit/bogus", "v1/transit/keys/k/bogus", "v1/sys/bogus", "v1/auth/token/bogus", "v1/kv1/" })
                {
                    using var mounted = await server.Http.SendAsync(TestServer.Request(method, path + query, token, new { a = 1 }));
                    var body = await mounted.Content.ReadAsStringAsync();
                    Assert.True(mounted.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}{query}: {(int)mounted.StatusCode} {body}");
                    Assert.Equal(expected, body);
                }
            }
        }
    }

    [Fact]
    public async Task UnknownRouteOfAMount_WithRights_IsTheBackendsUnsupportedPath()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/transit-all", new { policy = """path "transit/*" { capabilities = ["create", "read", "update", "delete", "list"] }""" }, HttpStatusCode.NoContent);
        var allowed = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "transit-all" } });

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Get, HttpMethod.Delete })
        {
            Assert.Equal(["unsupported path"], await VaultHttp.ExpectErrorsAsync(server, allowed, method, "v1/transit/bogus", new { a = 1 }, HttpStatusCode.NotFound));
            Assert.Equal(["unsupported path"], await VaultHttp.ExpectErrorsAsync(server, root, method, "v1/sys/bogus", new { a = 1 }, HttpStatusCode.NotFound));
        }
    }

    [Fact]
    public async Task UnmountedPath_WithRightsButNotRoot_Is404NoHandler()
    {
        // As Vault: "no handler for route" is seen by whoever may access the path, not by the root token only.
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/nothing", new { policy = """path "nothing-here/*" { capabilities = ["read"] }""" }, HttpStatusCode.NoContent);
        var reader = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "nothing" } });

        Assert.Equal(["no handler for route \"nothing-here/x\". route entry not found."], await VaultHttp.ExpectErrorsAsync(server, reader, HttpMethod.Get, "v1/nothing-here/x", null, HttpStatusCode.NotFound));
        await VaultHttp.ExpectAsync(server, reader, HttpMethod.Delete, "v1/nothing-here/x", null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task KnownRoute_StillAsksForCreateOrUpdateByExistence()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/create-only", new { policy = """path "sys/policies/acl/team-*" { capabilities = ["create"] }""" }, HttpStatusCode.NoContent);
        var creator = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "create-only" } });
        var policy = new { policy = """path "team/*" { capabilities = ["read"] }""" };

        await VaultHttp.ExpectAsync(server, creator, HttpMethod.Put, "v1/sys/policies/acl/team-a", policy, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(server, creator, HttpMethod.Put, "v1/sys/policies/acl/team-a", policy, HttpStatusCode.Forbidden);
    }
}
