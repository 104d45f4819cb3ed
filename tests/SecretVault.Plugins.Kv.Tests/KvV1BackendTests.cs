using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Kv.Tests;

public sealed class KvV1BackendTests
{
    private readonly InMemoryStorage _storage = new();
    private readonly KvV1Backend _backend = new();

    [Theory]
    [InlineData("""{"ttl":"1h","v":1}""", 3600)]
    [InlineData("""{"ttl":90}""", 90)]
    [InlineData("""{"lease":"2m"}""", 120)]
    [InlineData("""{"v":1}""", 0)]
    [InlineData("""{"ttl":"soon"}""", 0)]
    public async Task Read_TtlKey_IsTheAdvisoryLeaseDuration(string secret, int seconds)
    {
        await _backend.HandleRequestAsync(PluginRequests.Make(_storage, "kv/", Operation.Update, "s", secret));
        var read = await _backend.HandleRequestAsync(PluginRequests.Make(_storage, "kv/", Operation.Read, "s"));
        Assert.Equal(TimeSpan.FromSeconds(seconds), read?.LeaseDuration);
    }

    [Fact]
    public void Factory_SelectsTheVersion()
    {
        var factory = new KvBackendFactory();
        Assert.IsType<KvV1Backend>(factory.Create(new BackendContext { MountPoint = "kv/" }));
        Assert.IsType<Kv.V2.KvV2Backend>(factory.Create(new BackendContext { MountPoint = "kv/", Options = new Dictionary<string, string> { ["version"] = "2" } }));
        Assert.Equal(400, Assert.Throws<LogicalException>(() => factory.Create(new BackendContext { MountPoint = "kv/", Options = new Dictionary<string, string> { ["version"] = "3" } })).StatusCode);
    }
}
