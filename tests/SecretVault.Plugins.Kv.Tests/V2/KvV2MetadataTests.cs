using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv.Tests.V2;

public sealed class KvV2MetadataTests
{
    private readonly KvV2Harness _kv = new();

    [Fact]
    public async Task Read_HasEveryFieldVaultReturns()
    {
        await _kv.WriteAsync("k", new { a = 1 });
        _kv.Time.Advance(TimeSpan.FromSeconds(2));
        await _kv.WriteAsync("k", new { a = 2 });

        var metadata = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "metadata/k"));
        Assert.Equal(
            ["cas_required", "created_time", "current_version", "custom_metadata", "delete_version_after", "max_versions", "oldest_version", "updated_time", "versions"],
            metadata.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("2026-11-24T10:00:00Z", metadata.GetProperty("created_time").GetString());
        Assert.Equal("2026-11-24T10:00:02Z", metadata.GetProperty("updated_time").GetString());
        Assert.Equal("0s", metadata.GetProperty("delete_version_after").GetString());
        Assert.Equal(0, metadata.GetProperty("max_versions").GetInt64());
        Assert.Equal(2, metadata.GetProperty("current_version").GetInt64());
        var version1 = metadata.GetProperty("versions").GetProperty("1");
        Assert.Equal(["created_time", "deletion_time", "destroyed"], version1.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Write_BeforeAnyVersion_CreatesMetadataOnly_AndSettingsApply()
    {
        await _kv.SendAsync(Operation.Update, "metadata/k", new { max_versions = 2, delete_version_after = "3h25m19s", custom_metadata = new { owner = "ops" } });
        var metadata = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "metadata/k"));
        Assert.Equal(0, metadata.GetProperty("current_version").GetInt64());
        Assert.Equal("3h25m19s", metadata.GetProperty("delete_version_after").GetString());
        Assert.Equal("ops", metadata.GetProperty("custom_metadata").GetProperty("owner").GetString());

        var written = KvV2Harness.Json(await _kv.WriteAsync("k", new { a = 1 }));
        Assert.Equal("ops", written.GetProperty("custom_metadata").GetProperty("owner").GetString());
        Assert.Equal("2026-11-24T13:25:19Z", written.GetProperty("deletion_time").GetString());
    }

    [Fact]
    public async Task Patch_MergesCustomMetadata_AndLeavesOtherSettings()
    {
        await _kv.SendAsync(Operation.Update, "metadata/k", new { max_versions = 4, custom_metadata = new { a = "1", b = "2" } });
        await _kv.SendAsync(Operation.Patch, "metadata/k", """{"custom_metadata":{"a":null,"c":"3"}}""");
        var metadata = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "metadata/k"));
        Assert.Equal("""{"b":"2","c":"3"}""", metadata.GetProperty("custom_metadata").GetRawText());
        Assert.Equal(4, metadata.GetProperty("max_versions").GetInt64());

        Assert.Equal(404, (await _kv.FailsAsync(Operation.Patch, "metadata/missing", new { max_versions = 1 })).StatusCode);
    }

    [Fact]
    public async Task CustomMetadata_OverVaultsLimits_Is400AndChangesNothing()
    {
        var tooMany = Enumerable.Range(0, 65).ToDictionary(i => $"k{i}", i => "v");
        Assert.Contains("at most 64 keys", (await _kv.FailsAsync(Operation.Update, "metadata/k", new { custom_metadata = tooMany })).Message, StringComparison.Ordinal);
        Assert.Contains("must be 0 < len(value) <= 512", (await _kv.FailsAsync(Operation.Update, "metadata/k", new { custom_metadata = new { a = new string('x', 513) } })).Message, StringComparison.Ordinal);
        Assert.Contains("must be 0 < len(value)", (await _kv.FailsAsync(Operation.Update, "metadata/k", new { custom_metadata = new { a = "" } })).Message, StringComparison.Ordinal);
        Assert.Null(await _kv.SendAsync(Operation.Read, "metadata/k"));
    }

    [Fact]
    public async Task Delete_RemovesEveryVersion_AndTheNextWriteIsVersionOne()
    {
        await _kv.WriteAsync("k", new { a = 1 });
        await _kv.WriteAsync("k", new { a = 2 });
        await _kv.SendAsync(Operation.Delete, "metadata/k");

        Assert.Null(await _kv.SendAsync(Operation.Read, "metadata/k"));
        Assert.Null(await _kv.SendAsync(Operation.Read, "data/k"));
        Assert.DoesNotContain(await _kv.Storage.DumpAsync(), e => e.Key.StartsWith("versions/", StringComparison.Ordinal));
        Assert.Equal(1, KvV2Harness.Json(await _kv.WriteAsync("k", new { a = 3 })).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task List_ShowsKeysAndFolders_404WhenEmpty()
    {
        await _kv.WriteAsync("app/a", new { x = 1 });
        await _kv.WriteAsync("app/b/c", new { x = 1 });
        await _kv.WriteAsync("app", new { x = 1 });

        var root = KvV2Harness.Json(await _kv.SendAsync(Operation.List, "metadata/"));
        Assert.Equal(["app", "app/"], root.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).Order(StringComparer.Ordinal));
        var app = KvV2Harness.Json(await _kv.SendAsync(Operation.List, "metadata/app/"));
        Assert.Equal(["a", "b/"], app.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).Order(StringComparer.Ordinal));
        Assert.Null(await _kv.SendAsync(Operation.List, "metadata/nothing/"));
    }

    [Fact]
    public async Task Config_ReadsVaultsDefaults_AndKeepsWhatIsWritten()
    {
        var defaults = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "config"));
        Assert.Equal("""{"cas_required":false,"delete_version_after":"0s","max_versions":0}""", defaults.GetRawText());

        await _kv.SendAsync(Operation.Update, "config", new { max_versions = 5, delete_version_after = 3600 });
        var config = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "config"));
        Assert.Equal(5, config.GetProperty("max_versions").GetInt64());
        Assert.Equal("1h0m0s", config.GetProperty("delete_version_after").GetString());

        var reloaded = new Plugins.Kv.V2.KvV2Backend(_kv.Time);
        var fresh = await reloaded.HandleRequestAsync(Testing.Plugins.PluginRequests.Make(_kv.Storage, "secret/", Operation.Read, "config"));
        Assert.Equal(5, KvV2Harness.Json(fresh).GetProperty("max_versions").GetInt64());
    }

    [Fact]
    public async Task StoredValues_AreJsonOfTheModel_NotTheRequest()
    {
        await _kv.WriteAsync("k", new { secret = "s3cr3t" });
        var stored = await _kv.Storage.GetAsync("versions/k/1");
        using var document = JsonDocument.Parse(stored!);
        Assert.Equal("s3cr3t", document.RootElement.GetProperty("Data").GetProperty("secret").GetString());
    }
}
