using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Seal;

/// <summary><c>sys/health</c>: the status code for each state, every query override, and HEAD.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_ByState_Returns501Then503Then200()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        using var uninitialized = await server.Http.GetAsync("v1/sys/health");
        Assert.Equal((HttpStatusCode)501, uninitialized.StatusCode);
        var body = await JsonBody.ReadAsync(uninitialized);
        Assert.False(body.GetProperty("initialized").GetBoolean());

        var (keys, _) = await server.InitAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Http.GetAsync("v1/sys/health")).StatusCode);

        await server.UnsealAsync(keys[0]);
        using var active = await server.Http.GetAsync("v1/sys/health");
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        var activeBody = await JsonBody.ReadAsync(active);
        Assert.True(activeBody.GetProperty("initialized").GetBoolean());
        Assert.False(activeBody.GetProperty("sealed").GetBoolean());
        Assert.False(activeBody.GetProperty("standby").GetBoolean());
        Assert.Equal("disabled", activeBody.GetProperty("replication_dr_mode").GetString());
        Assert.True(activeBody.GetProperty("server_time_utc").GetInt64() > 1_700_000_000);
        Assert.True(activeBody.TryGetProperty("cluster_name", out _));
    }

    [Theory]
    [InlineData("uninitcode=299", false, false, 299)]
    [InlineData("sealedcode=298", true, false, 298)]
    [InlineData("activecode=297", true, true, 297)]
    [InlineData("standbyok=true&perfstandbyok=true", true, true, 200)]
    [InlineData("standbycode=210&drsecondarycode=211&performancestandbycode=212", true, true, 200)]
    public async Task Health_QueryOverrides_ChooseTheStatusCode(string query, bool initialize, bool unseal, int expected)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        if (initialize)
        {
            var (keys, _) = await server.InitAsync();
            if (unseal)
            {
                await server.UnsealAsync(keys[0]);
            }
        }

        using var response = await server.Http.GetAsync($"v1/sys/health?{query}");
        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("activecode=abc")]
    [InlineData("sealedcode=99999")]
    [InlineData("standbyok=maybe")]
    public async Task Health_BadOverride_Returns400(string query)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        using var response = await server.Http.GetAsync($"v1/sys/health?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await JsonBody.ErrorsAsync(response));
    }

    [Fact]
    public async Task Health_Head_ReturnsTheCodeWithoutBody()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        await server.InitAndUnsealAsync();
        using var response = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "v1/sys/health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        using var sealedCode = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "v1/sys/health?activecode=204"));
        Assert.Equal(HttpStatusCode.NoContent, sealedCode.StatusCode);
    }
}
