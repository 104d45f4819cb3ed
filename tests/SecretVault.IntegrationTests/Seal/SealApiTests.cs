using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Seal;

/// <summary>The seal API through real HTTP: init, seal-status, unseal, seal, with Vault's fields and codes.</summary>
public sealed class SealApiTests
{
    [Fact]
    public async Task ShuttingTheServerDown_SealsIt_SoNoKeyAndNoBackgroundWorkOutlivesTheHost()
    {
        var server = await TestServer.StartInMemoryAsync();
        await server.InitAndUnsealAsync();
        var barrier = server.Host.Services.GetRequiredService<SecretVault.Core.Barrier.ISecurityBarrier>();
        Assert.False(barrier.Sealed);

        await server.DisposeAsync();
        Assert.True(barrier.Sealed);
        Assert.Throws<SecretVault.Core.Barrier.BarrierSealedException>(() => barrier.ActiveKeyStatus);
    }

    [Fact]
    public async Task Init_FiveSharesThresholdThree_ReturnsSharesInVaultFormatAndRootToken()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var before = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/init"));
        Assert.False(before.GetProperty("initialized").GetBoolean());

        using var response = await server.Http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 5, secret_threshold = 3 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonBody.ReadAsync(response);
        var hex = body.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        var b64 = body.GetProperty("keys_base64").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Equal(5, hex.Count);
        Assert.All(hex, k => Assert.Equal(66, k.Length));
        Assert.All(b64, k => Assert.Equal(44, k.Length));
        Assert.Equal(hex.Select(h => Convert.FromHexString(h)), b64.Select(Convert.FromBase64String));
        Assert.Equal(5, hex.Select(k => k[^2..]).Distinct().Count());
        Assert.StartsWith("hvs.", body.GetProperty("root_token").GetString(), StringComparison.Ordinal);

        var after = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/init"));
        Assert.True(after.GetProperty("initialized").GetBoolean());
    }

    [Fact]
    public async Task Init_Twice_Returns400AlreadyInitialized()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        await server.InitAsync();
        using var second = await server.Http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(["Vault is already initialized"], await JsonBody.ErrorsAsync(second));
    }

    [Theory]
    [InlineData(0, 0, "shares must be at least one")]
    [InlineData(3, 0, "threshold must be at least one")]
    [InlineData(3, 1, "threshold must be greater than one for multiple shares")]
    [InlineData(256, 3, "shares must be less than 256")]
    [InlineData(3, 4, "threshold cannot be larger than shares")]
    public async Task Init_BadSharesOrThreshold_Returns400AndWritesNothing(int shares, int threshold, string message)
    {
        var data = Directory.CreateTempSubdirectory("sv-init-");
        try
        {
            await using var server = await TestServer.StartFileAsync(data.FullName);
            using var response = await server.Http.PutAsJsonAsync("v1/sys/init", new { secret_shares = shares, secret_threshold = threshold });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([message], await JsonBody.ErrorsAsync(response));
            Assert.Empty(Directory.EnumerateFiles(data.FullName, "*", SearchOption.AllDirectories));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SealStatus_BeforeInit_ReportsUninitializedShamir()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var status = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/seal-status"));
        Assert.Equal("shamir", status.GetProperty("type").GetString());
        Assert.False(status.GetProperty("initialized").GetBoolean());
        Assert.True(status.GetProperty("sealed").GetBoolean());
        Assert.Equal(0, status.GetProperty("t").GetInt32());
        Assert.Equal(0, status.GetProperty("n").GetInt32());
        foreach (var field in new[] { "progress", "nonce", "version", "build_date", "migration", "recovery_seal", "storage_type" })
        {
            Assert.True(status.TryGetProperty(field, out _), field);
        }

        Assert.False(status.TryGetProperty("cluster_name", out _));
    }

    [Fact]
    public async Task Unseal_ProgressBuildsAcrossRequests_AndUnsealsAtThreshold()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, _) = await server.InitAsync(5, 3);

        var first = await server.UnsealAsync(keys[0]);
        Assert.Equal(1, first.GetProperty("progress").GetInt32());
        Assert.True(first.GetProperty("sealed").GetBoolean());
        var nonce = first.GetProperty("nonce").GetString();
        Assert.False(string.IsNullOrEmpty(nonce));

        var duplicate = await server.UnsealAsync(keys[0]);
        Assert.Equal(1, duplicate.GetProperty("progress").GetInt32());
        Assert.Equal(nonce, duplicate.GetProperty("nonce").GetString());

        var second = await server.UnsealAsync(Convert.ToBase64String(Convert.FromHexString(keys[3])));
        Assert.Equal(2, second.GetProperty("progress").GetInt32());

        var third = await server.UnsealAsync(keys[4]);
        Assert.False(third.GetProperty("sealed").GetBoolean());
        Assert.Equal(0, third.GetProperty("progress").GetInt32());
        Assert.Equal("", third.GetProperty("nonce").GetString());
        Assert.Equal(3, third.GetProperty("t").GetInt32());
        Assert.Equal(5, third.GetProperty("n").GetInt32());
        Assert.StartsWith("vault-cluster-", third.GetProperty("cluster_name").GetString(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(third.GetProperty("cluster_id").GetString(), out _));
    }

    [Fact]
    public async Task Unseal_SharesFromAnotherInit_Returns400AtThresholdAndResetsProgress()
    {
        await using var other = await TestServer.StartInMemoryAsync();
        var (foreign, _) = await other.InitAsync(3, 2);
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, _) = await server.InitAsync(3, 2);

        await server.UnsealAsync(foreign[0]);
        using var failed = await server.Http.PutAsJsonAsync("v1/sys/unseal", new { key = foreign[1] });
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Equal(["Unseal failed, invalid key"], await JsonBody.ErrorsAsync(failed));

        var status = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/seal-status"));
        Assert.True(status.GetProperty("sealed").GetBoolean());
        Assert.Equal(0, status.GetProperty("progress").GetInt32());

        await server.UnsealAsync(keys[0]);
        var unsealed = await server.UnsealAsync(keys[2]);
        Assert.False(unsealed.GetProperty("sealed").GetBoolean());
    }

    [Fact]
    public async Task Unseal_MixingOneForeignShare_Returns400AndGoodSharesStillUnsealAfterwards()
    {
        await using var other = await TestServer.StartInMemoryAsync();
        var (foreign, _) = await other.InitAsync(3, 2);
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, _) = await server.InitAsync(3, 2);

        await server.UnsealAsync(keys[0]);
        using var failed = await server.Http.PutAsJsonAsync("v1/sys/unseal", new { key = foreign[1] });
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);

        await server.UnsealAsync(keys[1]);
        var unsealed = await server.UnsealAsync(keys[2]);
        Assert.False(unsealed.GetProperty("sealed").GetBoolean());
    }

    [Theory]
    [InlineData("zz-not-hex-or-base64!", "'key' must be a valid hex or base64 string")]
    [InlineData("", "'key' must be specified in request body as JSON, or 'reset' set to true")]
    public async Task Unseal_BadKeyText_Returns400WithClearMessageAndKeepsProgress(string key, string message)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, _) = await server.InitAsync(3, 2);
        await server.UnsealAsync(keys[0]);

        using var response = await server.Http.PutAsJsonAsync("v1/sys/unseal", new { key });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([message], await JsonBody.ErrorsAsync(response));
        var status = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/seal-status"));
        Assert.Equal(1, status.GetProperty("progress").GetInt32());
    }

    [Fact]
    public async Task Unseal_ShareOfWrongLength_Returns400AndIsNotCounted()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, _) = await server.InitAsync(3, 2);
        using var response = await server.Http.PutAsJsonAsync("v1/sys/unseal", new { key = keys[0][..40] });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("wrong length", (await JsonBody.ErrorsAsync(response)).Single(), StringComparison.Ordinal);
        var status = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/seal-status"));
        Assert.Equal(0, status.GetProperty("progress").GetInt32());
    }

    [Fact]
    public async Task Unseal_Reset_DiscardsProgress_AndOnUnsealedServerIs400()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, _) = await server.InitAsync(3, 2);
        await server.UnsealAsync(keys[0]);

        var reset = await JsonBody.ReadAsync(await server.Http.PutAsJsonAsync("v1/sys/unseal", new { reset = true }));
        Assert.Equal(0, reset.GetProperty("progress").GetInt32());
        Assert.Equal("", reset.GetProperty("nonce").GetString());

        await server.UnsealAsync(keys[1]);
        await server.UnsealAsync(keys[2]);
        using var late = await server.Http.PutAsJsonAsync("v1/sys/unseal", new { reset = true });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(["vault is unsealed"], await JsonBody.ErrorsAsync(late));
    }

    [Fact]
    public async Task Sealed_EveryOtherPath_Returns503VaultIsSealed()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (_, root) = await server.InitAsync();
        foreach (var path in new[] { "v1/sys/key-status", "v1/secret/data/x", "v1/auth/token/lookup-self" })
        {
            using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, path, root));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(["Vault is sealed"], await JsonBody.ErrorsAsync(response));
        }
    }

    [Fact]
    public async Task Seal_WithRootToken_Seals_AndWithoutTokenIsDenied()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        using var anonymous = await server.Http.PutAsync("v1/sys/seal", null);
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(["permission denied"], await JsonBody.ErrorsAsync(anonymous));

        using var badToken = await server.Http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/sys/seal", "hvs.not-a-token"));
        Assert.Equal(HttpStatusCode.Forbidden, badToken.StatusCode);

        using var seal = await server.Http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/sys/seal", root));
        Assert.Equal(HttpStatusCode.NoContent, seal.StatusCode);
        var status = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/seal-status"));
        Assert.True(status.GetProperty("sealed").GetBoolean());
        Assert.False(status.TryGetProperty("cluster_name", out _));
    }

    [Fact]
    public async Task Leader_SealedIs503_UnsealedReportsNoHa()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, _) = await server.InitAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Http.GetAsync("v1/sys/leader")).StatusCode);
        await server.UnsealAsync(keys[0]);

        var leader = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/leader"));
        Assert.False(leader.GetProperty("ha_enabled").GetBoolean());
        Assert.False(leader.GetProperty("is_self").GetBoolean());
        Assert.Equal("", leader.GetProperty("leader_address").GetString());
        Assert.Equal(JsonValueKind.False, leader.GetProperty("performance_standby").ValueKind);
    }
}
