using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>Token roles parse their CIDRs as every other CIDR field does (issue 14 item 11).</summary>
public sealed class TokenRoleCidrTests
{
    [Theory]
    [InlineData("token_bound_cidrs")]
    [InlineData("bound_cidrs")]
    public async Task TokenRoleWithGarbageCidr_Is400AndNothingIsStored(string field)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var errors = await VaultHttp.ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/r", new Dictionary<string, object> { [field] = new[] { "garbage" } });
        Assert.Equal($"invalid value for field \"{field}\": expected IP addresses or CIDR blocks", errors.Single());
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/auth/token/roles/r", null, HttpStatusCode.NotFound);

        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/r", new Dictionary<string, object> { [field] = new[] { "10.0.0.0/8" } }, HttpStatusCode.NoContent);
    }
}
