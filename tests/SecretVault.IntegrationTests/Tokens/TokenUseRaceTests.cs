using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>
/// Found by an independent attack after issues 14 and 15: a renewal wrote back a copy of the token read before a
/// concurrent revocation or use (the revoked token came back; a token with N uses served more than N requests), and a
/// token on its last use could mint an orphan that outlived it.
/// </summary>
public sealed class TokenUseRaceTests
{
    private const string CreatorPolicy = """
        path "auth/token/create" { capabilities = ["update"] }
        path "auth/token/create-orphan" { capabilities = ["update"] }
        path "auth/token/create/*" { capabilities = ["update"] }
        """;

    [Theory]
    [InlineData("v1/auth/token/create-orphan")]
    [InlineData("v1/auth/token/create/orphans")]
    public async Task TokenOnItsLastUse_CannotCreateAnOrphan(string path)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policy/creator", new { policy = CreatorPolicy }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/orphans", new { orphan = true, token_period = "1h" }, HttpStatusCode.NoContent);
        var limited = await CreateTokenAsync(server, root, new { policies = new[] { "creator" }, num_uses = 1, ttl = "10m" });

        var errors = await ExpectErrorsAsync(server, limited, HttpMethod.Post, path, new { policies = new[] { "creator" } });

        Assert.Contains("limited use count", Assert.Single(errors), StringComparison.Ordinal);
        await ExpectAsync(server, limited, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RenewalsRacingARevocation_NeverBringTheTokenBack()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        for (var trial = 0; trial < 25; trial++)
        {
            var token = await CreateTokenAsync(server, root, new { policies = new[] { "default" }, ttl = "1h" });
            using var stop = new CancellationTokenSource();
            var renewers = Enumerable.Range(0, 4).Select(_ => RenewUntilAsync(server, token, stop.Token)).ToList();
            await Task.Delay(2 * (trial % 5), CancellationToken.None);
            await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/revoke", new { token }, HttpStatusCode.NoContent);
            await stop.CancelAsync();
            await Task.WhenAll(renewers);

            await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task RenewalsRacingUses_NeverServeMoreThanTheTokensUses()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        for (var trial = 0; trial < 10; trial++)
        {
            var token = await CreateTokenAsync(server, root, new { policies = new[] { "default" }, num_uses = 5, ttl = "1h" });
            var served = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
            {
                using var request = i % 2 == 0
                    ? TestServer.Request(HttpMethod.Post, "v1/auth/token/renew-self", token, new { increment = "1h" })
                    : TestServer.Request(HttpMethod.Get, "v1/auth/token/lookup-self", token);
                using var response = await server.Http.SendAsync(request);
                return response.IsSuccessStatusCode ? 1 : 0;
            }));

            // Never more than the token's uses. Fewer is allowed: a renewal that spent an earlier use can reach the
            // store after the last use's request has revoked the token, and is then refused (as in Vault).
            Assert.InRange(served.Sum(), 1, 5);
            await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
        }
    }

    // Renews as fast as it can until told to stop; refusals (the token is gone) are expected.
    private static async Task RenewUntilAsync(TestServer server, string token, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var request = TestServer.Request(HttpMethod.Post, "v1/auth/token/renew-self", token, new { increment = "1h" });
            using var response = await server.Http.SendAsync(request, CancellationToken.None);
        }
    }
}
