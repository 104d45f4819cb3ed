using System.Text;
using SecretVault.Plugins.Kv.V2;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Kv.Tests.V2;

public sealed class KvUpgradeTests
{
    private readonly KvV2Harness _kv = new();

    [Fact]
    public async Task V1Data_BecomesVersionOne_LosingNothing()
    {
        var v1 = new KvV1Backend();
        var secrets = new Dictionary<string, string>
        {
            ["a"] = """{"user":"u","n":1}""",
            ["dir/b"] = """{"nested":{"x":[1,2]}}""",
            ["config"] = """{"value":"a v1 secret named config"}""",
            ["metadata/clash"] = """{"value":"a v1 secret under the v2 metadata prefix"}""",
            ["versions/x"] = """{"value":"and one under versions"}""",
        };
        foreach (var (key, json) in secrets)
        {
            await v1.HandleRequestAsync(PluginRequests.Make(_kv.Storage, "secret/", Operation.Update, key, json));
        }

        await _kv.InitializeAsync();

        foreach (var (key, json) in secrets)
        {
            var read = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/" + key));
            Assert.Equal(json, read.GetProperty("data").GetRawText());
            Assert.Equal(1, read.GetProperty("metadata").GetProperty("version").GetInt64());
        }

        var listed = KvV2Harness.Json(await _kv.SendAsync(Operation.List, "metadata/"));
        Assert.Equal(["a", "config", "dir/", "metadata/", "versions/"], listed.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(1, KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "metadata/a")).GetProperty("oldest_version").GetInt64());
    }

    [Fact]
    public async Task InterruptedUpgrade_Resumes()
    {
        await _kv.Storage.PutAsync("left", Encoding.UTF8.GetBytes("""{"a":1}"""));
        await KvV2Storage.WriteConfigAsync(_kv.Storage, new KvConfigEntry { Upgrading = true }, CancellationToken.None);
        await KvV2Storage.WriteMetadataAsync(_kv.Storage, "done", new KeyMetadataEntry { CurrentVersion = 1, Versions = { [1] = new VersionMetadataEntry { CreatedTime = _kv.Time.GetUtcNow() } } }, CancellationToken.None);
        await KvV2Storage.WriteVersionAsync(_kv.Storage, "done", 1, new VersionEntry { Data = System.Text.Json.JsonDocument.Parse("""{"b":2}""").RootElement, CreatedTime = _kv.Time.GetUtcNow() }, CancellationToken.None);
        await _kv.InitializeAsync();

        Assert.Equal(1, KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/left")).GetProperty("data").GetProperty("a").GetInt32());
        Assert.Equal(2, KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/done")).GetProperty("data").GetProperty("b").GetInt32());
        Assert.Null(await _kv.Storage.GetAsync("left"));
        Assert.Equal(2, (await KvV2Storage.ReadConfigAsync(_kv.Storage, CancellationToken.None))?.Layout);
    }

    [Fact]
    public async Task Initialize_UpgradesV1Data_BeforeAnyRequest()
    {
        await _kv.Storage.PutAsync("a", Encoding.UTF8.GetBytes("""{"user":"u"}"""));

        await _kv.InitializeAsync();

        Assert.Null(await _kv.Storage.GetAsync("a"));
        Assert.Equal(2, (await KvV2Storage.ReadConfigAsync(_kv.Storage, CancellationToken.None))?.Layout);
    }

    [Fact]
    public async Task Initialize_OnAnUpgradedMount_ChangesNothing()
    {
        await _kv.InitializeAsync();
        await _kv.WriteAsync("k", new { v = 1 });
        var before = await _kv.Storage.DumpAsync();

        await _kv.InitializeAsync();

        Assert.Equal(before.Select(e => (e.Key, Convert.ToBase64String(e.Value))), (await _kv.Storage.DumpAsync()).Select(e => (e.Key, Convert.ToBase64String(e.Value))));
    }
}
