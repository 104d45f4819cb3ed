using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Auth;

/// <summary>AppRole's CIDR lists read back in Vault's form through real HTTP.</summary>
public sealed class AppRoleCidrTests
{
    [Fact]
    public async Task SecretIdCidrsAndRoleSecretIdBoundCidrs_ReadBackAsGiven_TokenCidrsAsVaultParsesThem()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/approle", new { type = "approle" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/web", new { secret_id_bound_cidrs = "127.0.0.1/32, 10.0.0.0/8", token_bound_cidrs = "127.0.0.1/32" }, HttpStatusCode.NoContent);

        // Vault keeps secret_id_bound_cidrs as written; token_bound_cidrs is parsed into addresses, a /32 read as the address.
        var role = (await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/approle/role/web", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(["127.0.0.1/32", "10.0.0.0/8"], Strings(role.GetProperty("secret_id_bound_cidrs")));
        Assert.Equal(["127.0.0.1"], Strings(role.GetProperty("token_bound_cidrs")));
        var single = (await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/approle/role/web/secret-id-bound-cidrs", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(["127.0.0.1/32", "10.0.0.0/8"], Strings(single.GetProperty("secret_id_bound_cidrs")));

        var issued = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/web/secret-id", new { cidr_list = "127.0.0.1/32", token_bound_cidrs = new[] { "127.0.0.1/32" } }, HttpStatusCode.OK)).GetProperty("data");
        var secretId = issued.GetProperty("secret_id").GetString()!;
        var accessor = issued.GetProperty("secret_id_accessor").GetString()!;
        foreach (var lookup in new[]
        {
            await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/web/secret-id/lookup", new { secret_id = secretId }, HttpStatusCode.OK),
            await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/web/secret-id-accessor/lookup", new { secret_id_accessor = accessor }, HttpStatusCode.OK),
        })
        {
            Assert.Equal(["127.0.0.1/32"], Strings(lookup.GetProperty("data").GetProperty("cidr_list")));
            Assert.Equal(["127.0.0.1/32"], Strings(lookup.GetProperty("data").GetProperty("token_bound_cidrs")));
        }

        // The token the secret ID logs in holds them parsed, as Vault's token lookup shows them.
        var roleId = (await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/approle/role/web/role-id", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("role_id").GetString();
        var token = (await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/approle/login", new { role_id = roleId, secret_id = secretId }, HttpStatusCode.OK)).GetProperty("auth").GetProperty("client_token").GetString()!;
        var self = (await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(["127.0.0.1"], Strings(self.GetProperty("bound_cidrs")));

        // Validation is unchanged: what is not a CIDR block is refused.
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/web/secret-id", new { cidr_list = "127.0.0.1/33" }, HttpStatusCode.BadRequest);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/web/secret-id-bound-cidrs", new { secret_id_bound_cidrs = "nope" }, HttpStatusCode.BadRequest);
    }

    private static string[] Strings(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetString()!)];
}
