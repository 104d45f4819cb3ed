using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>What the token store enforces beyond its own fields: the auth/token/ mount's tuning and a token's bound CIDRs.</summary>
public sealed class TokenMountRulesTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private string _root = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartInMemoryAsync();
        _root = await _server.InitAndUnsealAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TokenMountTuning_BoundsTheTtlOfCreatedTokens()
    {
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/sys/auth/token/tune", new { default_lease_ttl = "1h", max_lease_ttl = "2h" }, HttpStatusCode.NoContent);

        var byDefault = await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create", new { policies = new[] { "default" } }, HttpStatusCode.OK);
        Assert.Equal(3600, byDefault.GetProperty("auth").GetProperty("lease_duration").GetInt64());
        var capped = await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/create", new { policies = new[] { "default" }, ttl = "5h" }, HttpStatusCode.OK);
        Assert.Equal(7200, capped.GetProperty("auth").GetProperty("lease_duration").GetInt64());
    }

    [Fact]
    public async Task BoundCidrs_RefuseATokenUsedFromOutside()
    {
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/here", new { token_bound_cidrs = new[] { "127.0.0.1/32" } }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/auth/token/roles/elsewhere", new { token_bound_cidrs = new[] { "10.0.0.0/8" } }, HttpStatusCode.NoContent);
        var here = await VaultHttp.CreateTokenAsync(_server, _root, new { }, "v1/auth/token/create/here");
        var elsewhere = await VaultHttp.CreateTokenAsync(_server, _root, new { }, "v1/auth/token/create/elsewhere");

        // The test client connects from 127.0.0.1.
        await VaultHttp.ExpectAsync(_server, here, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        await VaultHttp.ExpectAsync(_server, elsewhere, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(_server, elsewhere, HttpMethod.Get, "v1/cubbyhole/anything", null, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(_server, elsewhere, HttpMethod.Get, "v1/sys/internal/ui/mounts/cubbyhole/x", null, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(_server, here, HttpMethod.Get, "v1/sys/internal/ui/mounts/cubbyhole/x", null, HttpStatusCode.OK);
    }
}
