using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Server.Configuration;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Server;

/// <summary><c>sys/config/state/sanitized</c> over real HTTP: Vault's shape, sudo, and no storage settings.</summary>
public sealed class SanitizedConfigTests
{
    [Fact]
    public async Task Sanitized_ShowsTheConfiguration_WithoutStorageSettings_AndNeedsSudo()
    {
        var data = Directory.CreateTempSubdirectory("sv-sanitized-");
        try
        {
            await using var server = await TestServer.StartFileAsync(data.FullName);
            var root = await server.InitAndUnsealAsync();
            var body = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/config/state/sanitized", null, HttpStatusCode.OK);
            var config = body.GetProperty("data");
            Assert.Equal("file", config.GetProperty("storage").GetProperty("type").GetString());
            Assert.Equal(["cluster_addr", "disable_clustering", "redirect_addr", "type"], config.GetProperty("storage").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal("tcp", config.GetProperty("listeners")[0].GetProperty("type").GetString());
            Assert.Equal(2764800, config.GetProperty("default_lease_ttl").GetInt64());
            Assert.False(config.GetProperty("disable_mlock").GetBoolean());
            Assert.DoesNotContain(data.FullName, body.GetRawText(), StringComparison.Ordinal);

            await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/reader", new { policy = "path \"sys/config/state/*\" { capabilities = [\"read\"] }" }, HttpStatusCode.NoContent);
            var reader = await CreateTokenAsync(server, root, new { policies = new[] { "reader" } });
            Assert.Equal(["permission denied"], await ExpectErrorsAsync(server, reader, HttpMethod.Get, "v1/sys/config/state/sanitized", null, HttpStatusCode.Forbidden));
            Assert.Equal(["permission denied"], await ExpectErrorsAsync(server, null, HttpMethod.Get, "v1/sys/config/state/sanitized", null, HttpStatusCode.Forbidden));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sanitized_ListsTheListenerKeysAsWritten()
    {
        var loaded = new ConfigLoader(SecretVault.Server.Hosting.StorageCatalog.Default.Types)
            .Load("storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:0\n    tls_disable: true\n    max_request_size: 1048576\ncluster_name: sanitized\n");
        await using var server = await TestServer.StartInMemoryAsync(configure: c => c with { Listener = loaded.Listener, ClusterName = loaded.ClusterName });
        var root = await server.InitAndUnsealAsync();
        var config = (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/config/state/sanitized", null, HttpStatusCode.OK)).GetProperty("data");
        var listener = config.GetProperty("listeners")[0].GetProperty("config");
        Assert.Equal("127.0.0.1:0", listener.GetProperty("address").GetString());
        Assert.True(listener.GetProperty("tls_disable").GetBoolean());
        Assert.Equal(1048576, listener.GetProperty("max_request_size").GetInt64());
        Assert.Equal("sanitized", config.GetProperty("cluster_name").GetString());
    }
}
