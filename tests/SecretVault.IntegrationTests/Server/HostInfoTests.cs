using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Server;

/// <summary>sys/host-info as Vault's: sudo required, and Vault's shape (cpu, cpu_times, disk, host, memory, timestamp).</summary>
public sealed class HostInfoTests
{
    [Fact]
    public async Task HostInfo_Root_GetsVaultsShape()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var data = (await VaultHttp.ExpectAsync(server.Http, root, HttpMethod.Get, "v1/sys/host-info", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(["cpu", "cpu_times", "disk", "host", "memory", "timestamp"], data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(data.GetProperty("cpu").GetArrayLength() >= 1);
        Assert.True(data.GetProperty("cpu_times")[0].GetProperty("idle").GetDouble() > 0);
        Assert.Equal("/", data.GetProperty("disk")[0].GetProperty("path").GetString());
        Assert.True(data.GetProperty("disk")[0].GetProperty("total").GetUInt64() > 0);
        Assert.Equal("linux", data.GetProperty("host").GetProperty("os").GetString());
        Assert.True(data.GetProperty("memory").GetProperty("total").GetUInt64() > 0);
        Assert.True(DateTimeOffset.TryParse(data.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task HostInfo_ReadWithoutSudo_Is403()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server.Http, root, HttpMethod.Put, "v1/sys/policies/acl/reader", new { policy = "path \"sys/host-info\" { capabilities = [\"read\"] }" }, HttpStatusCode.NoContent);
        var token = (await VaultHttp.ExpectAsync(server.Http, root, HttpMethod.Post, "v1/auth/token/create", new { policies = new[] { "reader" } }, HttpStatusCode.OK))
            .GetProperty("auth").GetProperty("client_token").GetString();
        await VaultHttp.ExpectAsync(server.Http, token, HttpMethod.Get, "v1/sys/host-info", null, HttpStatusCode.Forbidden);
    }
}
