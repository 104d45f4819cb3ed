using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Policies;

/// <summary><c>allowed_parameters</c> and <c>denied_parameters</c> through real HTTP, in every form a backend accepts.</summary>
public sealed class ParameterConstraintTests
{
    private const string UserManager = """
        path "auth/up/users/*" {
          capabilities = ["create", "update"]
          denied_parameters = { "token_policies" = ["adm"] }
        }
        """;

    public static TheoryData<string, object> DeniedForms => new()
    {
        { "a list", new { password = "pw", token_policies = new[] { "adm" } } },
        { "a comma-separated string", new { password = "pw", token_policies = "default,adm" } },
        { "a comma-separated list item", new { password = "pw", token_policies = new[] { "default, adm" } } },
        { "another case of the value", new { password = "pw", token_policies = "ADM" } },
        { "another case of the name", new Dictionary<string, object> { ["password"] = "pw", ["Token_Policies"] = "adm" } },
    };

    [Theory]
    [MemberData(nameof(DeniedForms))]
    public async Task DeniedValue_InAnyAcceptedForm_Is403_AndNoUserIsWritten(string form, object body)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/up", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/user-manager", new { policy = UserManager }, HttpStatusCode.NoContent);
        var manager = await CreateTokenAsync(server, root, new { policies = new[] { "user-manager" } });

        var errors = await ExpectErrorsAsync(server, manager, HttpMethod.Put, "v1/auth/up/users/mallory", body, HttpStatusCode.Forbidden);
        Assert.True(errors.SequenceEqual(["permission denied"]), form);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/up/login/mallory", new { password = "pw" }, HttpStatusCode.BadRequest);

        await ExpectAsync(server, manager, HttpMethod.Put, "v1/auth/up/users/mallory", new { password = "pw", token_policies = "default,dev" }, HttpStatusCode.NoContent);
        var login = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/up/login/mallory", new { password = "pw" }, HttpStatusCode.OK);
        Assert.DoesNotContain("adm", login.GetProperty("auth").GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task AllowedValues_EveryElementMustBeAllowed()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/up", new { type = "userpass" }, HttpStatusCode.NoContent);
        const string policy = """
            path "auth/up/users/*" {
              capabilities = ["create", "update"]
              allowed_parameters = { "password" = [], "token_policies" = ["dev-*", "default"] }
            }
            """;
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/dev-manager", new { policy }, HttpStatusCode.NoContent);
        var manager = await CreateTokenAsync(server, root, new { policies = new[] { "dev-manager" } });

        await ExpectAsync(server, manager, HttpMethod.Put, "v1/auth/up/users/a", new { password = "pw", token_policies = new[] { "dev-a", "adm" } }, HttpStatusCode.Forbidden);
        await ExpectAsync(server, manager, HttpMethod.Put, "v1/auth/up/users/a", new { password = "pw", token_policies = "dev-a,adm" }, HttpStatusCode.Forbidden);
        await ExpectAsync(server, manager, HttpMethod.Put, "v1/auth/up/users/a", new { password = "pw", token_policies = new[] { "dev-a", "default" } }, HttpStatusCode.NoContent);
        await ExpectAsync(server, manager, HttpMethod.Put, "v1/auth/up/users/b", new { password = "pw", token_policies = "dev-b, default" }, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AllowedParameters_ApplyToTheQueryOfAGet()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/data", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
        foreach (var value in new[] { "old-1", "old-2", "current-3" })
        {
            await ExpectAsync(server, root, HttpMethod.Put, "v1/data/data/x", new { data = new { v = value } }, HttpStatusCode.OK);
        }

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/v3", new { policy = """path "data/data/x" { capabilities = ["read"] allowed_parameters = { "version" = ["3"] } }""" }, HttpStatusCode.NoContent);
        var reader = await CreateTokenAsync(server, root, new { policies = new[] { "v3" } });

        await ExpectAsync(server, reader, HttpMethod.Get, "v1/data/data/x?version=1", null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, reader, HttpMethod.Get, "v1/data/data/x?Version=1", null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, reader, HttpMethod.Get, "v1/data/data/x?version=3&version=1", null, HttpStatusCode.Forbidden);
        var pinned = await ExpectAsync(server, reader, HttpMethod.Get, "v1/data/data/x?version=3", null, HttpStatusCode.OK);
        Assert.Equal("current-3", pinned.GetProperty("data").GetProperty("data").GetProperty("v").GetString());
        var latest = await ExpectAsync(server, reader, HttpMethod.Get, "v1/data/data/x", null, HttpStatusCode.OK);
        Assert.Equal("current-3", latest.GetProperty("data").GetProperty("data").GetProperty("v").GetString());
    }
}
