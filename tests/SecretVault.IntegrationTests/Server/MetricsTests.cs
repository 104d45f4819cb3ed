using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Server;

/// <summary><c>sys/metrics</c>: Vault's JSON dump of gauges, behind a token.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_AreVaultsJsonShape_WithRuntimeGauges_AndNeedAToken()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        var metrics = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/metrics", null, HttpStatusCode.OK);
        Assert.Equal(["Counters", "Gauges", "Points", "Samples", "Timestamp"], metrics.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var gauges = metrics.GetProperty("Gauges").EnumerateArray().ToDictionary(g => g.GetProperty("Name").GetString()!, g => g.GetProperty("Value").GetDouble());
        Assert.True(gauges["vault.runtime.sys_bytes"] > 1024 * 1024);
        Assert.True(gauges["vault.runtime.total_gc_runs"] >= gauges["vault.runtime.gc_gen2_runs"]);
        Assert.Contains("vault.runtime.gc_gen0_runs", gauges.Keys);

        await VaultHttp.ExpectAsync(server, null, HttpMethod.Get, "v1/sys/metrics", null, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/metrics?format=prometheus", null, HttpStatusCode.BadRequest);
    }
}
