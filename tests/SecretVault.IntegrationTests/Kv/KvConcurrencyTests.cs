using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Kv;

/// <summary>Many clients writing at once through HTTP: check-and-set loses no update.</summary>
public sealed class KvConcurrencyTests
{
    private const int Clients = 32;
    private const int WritesPerClient = 4;

    [Fact]
    public async Task CasWritesFrom32Clients_LoseNoUpdate()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv-v2" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/secret/config", new { max_versions = 1000 }, HttpStatusCode.NoContent);

        var acknowledged = new ConcurrentBag<(long Version, int Client, int Write)>();
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var write = 0; write < WritesPerClient;)
            {
                var current = await CurrentVersionAsync(server, root);
                using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/secret/data/counter", root,
                    new { data = new { client, write }, options = new { cas = current } }));
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Add((body.GetProperty("data").GetProperty("version").GetInt64(), client, write));
                    write++;
                }
                else
                {
                    Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                    Assert.Equal("check-and-set parameter did not match the current version", body.GetProperty("errors")[0].GetString());
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var versions = acknowledged.Select(a => a.Version).ToList();
        Assert.Equal(Clients * WritesPerClient, versions.Count);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(versions.Count, await CurrentVersionAsync(server, root));
        Assert.True(conflicts > 0, "32 clients racing on one key should have met at least one check-and-set conflict");

        // Each acknowledged version holds exactly what its writer sent.
        foreach (var (version, client, write) in acknowledged)
        {
            var read = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, $"v1/secret/data/counter?version={version}", null, HttpStatusCode.OK);
            Assert.Equal(client, read.GetProperty("data").GetProperty("data").GetProperty("client").GetInt32());
            Assert.Equal(write, read.GetProperty("data").GetProperty("data").GetProperty("write").GetInt32());
        }
    }

    private static async Task<long> CurrentVersionAsync(TestServer server, string root)
    {
        using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/secret/metadata/counter", root));
        return response.StatusCode == HttpStatusCode.NotFound
            ? 0
            : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("current_version").GetInt64();
    }
}
