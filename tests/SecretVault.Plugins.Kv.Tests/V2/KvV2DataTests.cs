using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv.Tests.V2;

public sealed class KvV2DataTests
{
    private readonly KvV2Harness _kv = new();

    [Fact]
    public async Task Write_ThenRead_ReturnsDataAndVersionMetadataInVaultsShape()
    {
        var written = KvV2Harness.Json(await _kv.WriteAsync("app/db", new { user = "u", nested = new { n = 1 } }));
        Assert.Equal(1, written.GetProperty("version").GetInt64());
        Assert.Equal("2026-11-24T10:00:00Z", written.GetProperty("created_time").GetString());
        Assert.Equal("", written.GetProperty("deletion_time").GetString());
        Assert.False(written.GetProperty("destroyed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("custom_metadata").ValueKind);

        var read = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/app/db"));
        Assert.Equal("u", read.GetProperty("data").GetProperty("user").GetString());
        Assert.Equal(1, read.GetProperty("data").GetProperty("nested").GetProperty("n").GetInt32());
        Assert.Equal(["created_time", "custom_metadata", "deletion_time", "destroyed", "version"],
            read.GetProperty("metadata").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Read_OlderVersion_ByQueryParameter()
    {
        await _kv.WriteAsync("k", new { v = "one" });
        _kv.Time.Advance(TimeSpan.FromSeconds(1.5));
        await _kv.WriteAsync("k", new { v = "two" });

        var current = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/k"));
        var first = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/k", new { version = "1" }));
        Assert.Equal("two", current.GetProperty("data").GetProperty("v").GetString());
        Assert.Equal(2, current.GetProperty("metadata").GetProperty("version").GetInt64());
        Assert.Equal("2026-11-24T10:00:01.5Z", current.GetProperty("metadata").GetProperty("created_time").GetString());
        Assert.Equal("one", first.GetProperty("data").GetProperty("v").GetString());
        Assert.Null(await _kv.SendAsync(Operation.Read, "data/k", new { version = 3 }));
        Assert.Null(await _kv.SendAsync(Operation.Read, "data/missing"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task Read_VersionNotAnInteger_Is400(string version)
    {
        await _kv.WriteAsync("k", new { a = 1 });
        var error = await _kv.FailsAsync(Operation.Read, "data/k", new { version });
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_CheckAndSet_FollowsVaultsRules()
    {
        await _kv.WriteAsync("k", new { a = 1 }, cas: 0);
        var mismatch = await _kv.FailsAsync(Operation.Update, "data/k", new { data = new { a = 2 }, options = new { cas = 0 } });
        Assert.Equal(400, mismatch.StatusCode);
        Assert.Equal("check-and-set parameter did not match the current version", mismatch.Message);

        await _kv.WriteAsync("k", new { a = 2 }, cas: 1);
        Assert.Equal("check-and-set parameter did not match the current version", (await _kv.FailsAsync(Operation.Update, "data/k", new { data = new { a = 3 }, options = new { cas = 1 } })).Message);
        Assert.Equal("error parsing check-and-set parameter", (await _kv.FailsAsync(Operation.Update, "data/k", new { data = new { a = 3 }, options = new { cas = "x" } })).Message);
        var latest = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/k"));
        Assert.Equal(2, latest.GetProperty("metadata").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Write_CasRequiredByKeyOrMount_RefusesWriteWithoutCas()
    {
        await _kv.SendAsync(Operation.Update, "metadata/strict", new { cas_required = true });
        Assert.Equal("check-and-set parameter required for this call", (await _kv.FailsAsync(Operation.Update, "data/strict", new { data = new { a = 1 } })).Message);
        await _kv.WriteAsync("strict", new { a = 1 }, cas: 0);

        await _kv.SendAsync(Operation.Update, "config", new { cas_required = true });
        Assert.Equal("check-and-set parameter required for this call", (await _kv.FailsAsync(Operation.Update, "data/other", new { data = new { a = 1 } })).Message);
    }

    [Theory]
    [InlineData("""{"data":"text"}""")]
    [InlineData("""{"data":[1,2]}""")]
    [InlineData("""{"data":{"a":1},"options":"cas"}""")]
    public async Task Write_DataOrOptionsNotAnObject_Is400AndWritesNothing(string body)
    {
        var error = await _kv.FailsAsync(Operation.Update, "data/k", body);
        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("error converting input for field", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await _kv.Storage.DumpAsync(), e => e.Key != "config");
    }

    [Fact]
    public async Task Write_WithoutData_IsNoDataProvided()
    {
        Assert.Equal("no data provided", (await _kv.FailsAsync(Operation.Update, "data/k", new { options = new { } })).Message);
    }

    [Fact]
    public async Task Write_PathEndingInSlash_Is400()
    {
        var error = await _kv.FailsAsync(Operation.Update, "data/folder/", new { data = new { a = 1 } });
        Assert.Equal(400, error.StatusCode);
        Assert.DoesNotContain(await _kv.Storage.DumpAsync(), e => e.Key != "config");
    }

    [Fact]
    public async Task Write_BeyondMaxVersions_PrunesOldestVersionsAndTheirData()
    {
        await _kv.SendAsync(Operation.Update, "metadata/k", new { max_versions = 3 });
        for (var i = 1; i <= 5; i++)
        {
            await _kv.WriteAsync("k", new { i });
        }

        var metadata = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "metadata/k"));
        Assert.Equal(5, metadata.GetProperty("current_version").GetInt64());
        Assert.Equal(3, metadata.GetProperty("oldest_version").GetInt64());
        Assert.Equal(["3", "4", "5"], metadata.GetProperty("versions").EnumerateObject().Select(p => p.Name));
        Assert.Null(await _kv.SendAsync(Operation.Read, "data/k", new { version = 2 }));
        var versionKeys = (await _kv.Storage.DumpAsync()).Select(e => e.Key).Where(k => k.StartsWith("versions/", StringComparison.Ordinal)).Order();
        Assert.Equal(["versions/k/3", "versions/k/4", "versions/k/5"], versionKeys);
    }

    [Fact]
    public async Task Write_DefaultKeepsTenVersions()
    {
        for (var i = 1; i <= 12; i++)
        {
            await _kv.WriteAsync("k", new { i });
        }

        var metadata = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "metadata/k"));
        Assert.Equal(10, metadata.GetProperty("versions").EnumerateObject().Count());
        Assert.Equal(3, metadata.GetProperty("oldest_version").GetInt64());
    }

    [Fact]
    public async Task SoftDeletedVersion_Reads404WithItsMetadata_AndUndeleteRestoresIt()
    {
        await _kv.WriteAsync("k", new { a = 1 });
        Assert.Null(await _kv.SendAsync(Operation.Delete, "data/k"));

        var deleted = await _kv.SendAsync(Operation.Read, "data/k");
        Assert.Equal(404, deleted?.StatusCode);
        var body = KvV2Harness.Json(deleted);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        Assert.Equal("2026-11-24T10:00:00Z", body.GetProperty("metadata").GetProperty("deletion_time").GetString());

        await _kv.SendAsync(Operation.Update, "undelete/k", new { versions = new[] { 1 } });
        Assert.Equal(1, KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/k")).GetProperty("data").GetProperty("a").GetInt32());
    }

    [Fact]
    public async Task DeleteAndDestroy_ActOnListedVersions()
    {
        await _kv.WriteAsync("k", new { v = 1 });
        await _kv.WriteAsync("k", new { v = 2 });
        await _kv.WriteAsync("k", new { v = 3 });
        await _kv.SendAsync(Operation.Update, "delete/k", new { versions = "1,2" });
        await _kv.SendAsync(Operation.Update, "destroy/k", new { versions = new[] { 2 } });

        Assert.Equal(404, (await _kv.SendAsync(Operation.Read, "data/k", new { version = 1 }))?.StatusCode);
        var destroyed = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/k", new { version = 2 }));
        Assert.True(destroyed.GetProperty("metadata").GetProperty("destroyed").GetBoolean());
        Assert.Null(await _kv.Storage.GetAsync("versions/k/2"));
        Assert.NotNull(await _kv.Storage.GetAsync("versions/k/1"));

        await _kv.SendAsync(Operation.Update, "undelete/k", new { versions = new[] { 1, 2 } });
        Assert.Equal(1, KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/k", new { version = 1 })).GetProperty("data").GetProperty("v").GetInt32());
        Assert.Equal(404, (await _kv.SendAsync(Operation.Read, "data/k", new { version = 2 }))?.StatusCode);
        Assert.Equal(3, KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/k")).GetProperty("data").GetProperty("v").GetInt32());
    }

    [Theory]
    [InlineData("delete", "No version number provided")]
    [InlineData("undelete", "No version number provided")]
    [InlineData("destroy", "no version number provided")]
    public async Task VersionActions_WithoutVersions_Are400(string action, string message)
    {
        await _kv.WriteAsync("k", new { a = 1 });
        var error = await _kv.FailsAsync(Operation.Update, $"{action}/k", new { });
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task DeleteVersionAfter_DeletesOnSchedule()
    {
        await _kv.SendAsync(Operation.Update, "config", new { delete_version_after = "1h" });
        var written = KvV2Harness.Json(await _kv.WriteAsync("k", new { a = 1 }));
        Assert.Equal("2026-11-24T11:00:00Z", written.GetProperty("deletion_time").GetString());

        _kv.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Null((await _kv.SendAsync(Operation.Read, "data/k"))?.StatusCode);
        _kv.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(404, (await _kv.SendAsync(Operation.Read, "data/k"))?.StatusCode);
    }

    [Fact]
    public async Task Patch_MergesIntoLatestVersion()
    {
        await _kv.WriteAsync("k", new { keep = "k", drop = "d", nested = new { a = 1, b = 2 } });
        var patched = await _kv.SendAsync(Operation.Patch, "data/k", """{"data":{"drop":null,"add":"x","nested":{"b":null,"c":3}}}""");
        Assert.Equal(2, KvV2Harness.Json(patched).GetProperty("version").GetInt64());

        var data = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "data/k")).GetProperty("data");
        Assert.Equal("""{"keep":"k","nested":{"a":1,"c":3},"add":"x"}""", data.GetRawText());
    }

    [Fact]
    public async Task Patch_MissingOrDeletedSecret_Is404_AndWritesNothing()
    {
        Assert.Equal(404, (await _kv.FailsAsync(Operation.Patch, "data/none", new { data = new { a = 1 } })).StatusCode);

        await _kv.WriteAsync("k", new { a = 1 });
        await _kv.SendAsync(Operation.Delete, "data/k");
        var deleted = await _kv.SendAsync(Operation.Patch, "data/k", new { data = new { a = 2 } });
        Assert.Equal(404, deleted?.StatusCode);
        Assert.Equal(1, KvV2Harness.Json(deleted).GetProperty("version").GetInt64());
        Assert.Equal(1, KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "metadata/k")).GetProperty("current_version").GetInt64());
    }

    [Fact]
    public async Task Patch_WithStaleCas_Is400()
    {
        await _kv.WriteAsync("k", new { a = 1 });
        await _kv.WriteAsync("k", new { a = 2 });
        var error = await _kv.FailsAsync(Operation.Patch, "data/k", new { data = new { a = 3 }, options = new { cas = 1 } });
        Assert.Equal("check-and-set parameter did not match the current version", error.Message);
    }

    [Fact]
    public async Task Subkeys_ReplacesValuesWithNull_UpToDepth()
    {
        await _kv.WriteAsync("k", new { a = 1, b = new { c = new { d = 2 }, e = new { } } });
        var all = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "subkeys/k"));
        Assert.Equal("""{"a":null,"b":{"c":{"d":null},"e":null}}""", all.GetProperty("subkeys").GetRawText());
        Assert.Equal(1, all.GetProperty("metadata").GetProperty("version").GetInt64());

        var shallow = KvV2Harness.Json(await _kv.SendAsync(Operation.Read, "subkeys/k", new { depth = 2 }));
        Assert.Equal("""{"a":null,"b":{"c":null,"e":null}}""", shallow.GetProperty("subkeys").GetRawText());
    }

    [Fact]
    public async Task Existence_IsTheKeysMetadata()
    {
        var request = Testing.Plugins.PluginRequests.Make(_kv.Storage, "secret/", Operation.Update, "data/k", new { data = new { a = 1 } });
        Assert.Equal(new ExistenceCheckResult(true, false), await _kv.Backend.ExistenceCheckAsync(request));
        await _kv.WriteAsync("k", new { a = 1 });
        Assert.Equal(new ExistenceCheckResult(true, true), await _kv.Backend.ExistenceCheckAsync(request));
    }

    [Fact]
    public async Task ConcurrentWritesToOneKey_EachGetADistinctVersion()
    {
        var versions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _kv.WriteAsync("hot", new { i })));
        var numbers = versions.Select(v => KvV2Harness.Json(v).GetProperty("version").GetInt64()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), numbers);
    }
}
