using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins.Lifecycle;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Mounts;

/// <summary>
/// Issue 17 item 2 over HTTP: a plugin whose initialize step fails leaves only its own mount answering 500, across
/// seal and unseal; unload runs on unmount and on seal; a backend's TTLs follow a tune without a remount.
/// </summary>
public sealed class BackendLifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly LifecycleProbeBackendFactory _probes = new();

    [Fact]
    public async Task FailedInitialize_Answers500NamingTheMount_OtherMountsServe_AndUnsealStillSucceeds()
    {
        await using var server = await StartAsync();
        var (keys, root) = await server.InitAsync();
        await server.UnsealAsync(keys[0]);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/broken", new { type = LifecycleProbeBackendFactory.TypeName, options = new { fail_initialize = "true" } }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv-v2" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/kv/data/a", new { data = new { v = "1" } }, HttpStatusCode.OK);

        await AssertBrokenAsync(server, root);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/kv/data/a", null, HttpStatusCode.OK);

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        Assert.False((await server.UnsealAsync(keys[0])).GetProperty("sealed").GetBoolean());

        await AssertBrokenAsync(server, root);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/kv/data/a", null, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts/broken/tune", null, HttpStatusCode.OK);
        Assert.All(_probes.CreatedFor("broken/"), b => Assert.Equal(1, b.UnloadCalls));
    }

    [Fact]
    public async Task Unload_RunsOnUnmount_AndOnSeal()
    {
        await using var server = await StartAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/one", new { type = LifecycleProbeBackendFactory.TypeName }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/two", new { type = LifecycleProbeBackendFactory.TypeName }, HttpStatusCode.NoContent);
        var one = Assert.Single(_probes.CreatedFor("one/"));
        var two = Assert.Single(_probes.CreatedFor("two/"));

        await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/mounts/one", null, HttpStatusCode.NoContent);
        Assert.Equal(1, one.UnloadCalls);
        Assert.Equal(0, two.UnloadCalls);

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await two.Unloaded.WaitAsync(Timeout);
        Assert.Equal(1, two.UnloadCalls);
    }

    [Fact]
    public async Task Ttls_FollowATune_WithoutARemount()
    {
        await using var server = await StartAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/probe", new { type = LifecycleProbeBackendFactory.TypeName }, HttpStatusCode.NoContent);
        var before = (await ExpectAsync(server, root, HttpMethod.Get, "v1/probe/state", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(3 * 3600, before.GetProperty("default_lease_ttl").GetInt64());
        Assert.Equal(5 * 3600, before.GetProperty("max_lease_ttl").GetInt64());

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/probe/tune", new { default_lease_ttl = "1h", max_lease_ttl = "2h" }, HttpStatusCode.NoContent);

        var after = (await ExpectAsync(server, root, HttpMethod.Get, "v1/probe/state", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(3600, after.GetProperty("default_lease_ttl").GetInt64());
        Assert.Equal(7200, after.GetProperty("max_lease_ttl").GetInt64());
        Assert.Equal(1, after.GetProperty("initialize_calls").GetInt32());
        Assert.Single(_probes.CreatedFor("probe/"));
        var mount = (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("probe/");
        Assert.Equal(mount.GetProperty("uuid").GetString(), after.GetProperty("mount_uuid").GetString());
        Assert.Equal(mount.GetProperty("accessor").GetString(), after.GetProperty("mount_accessor").GetString());
    }

    private static async Task AssertBrokenAsync(TestServer server, string root)
    {
        using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/broken/state", root));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(["error initializing mount \"broken/\""], json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Single(json.RootElement.EnumerateObject());
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
    }

    private Task<TestServer> StartAsync() => TestServer.StartInMemoryAsync(
        services: s => s.AddSingleton<ILogicalBackendFactory>(_probes),
        configure: config => config with { DefaultLeaseTtl = TimeSpan.FromHours(3), MaxLeaseTtl = TimeSpan.FromHours(5) });
}
