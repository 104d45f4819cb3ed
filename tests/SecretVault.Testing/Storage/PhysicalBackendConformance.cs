using System.Text;
using SecretVault.Storage.Abstractions;
using Xunit;

namespace SecretVault.Testing.Storage;

/// <summary>The facts every physical backend must satisfy; each backend's test class derives from this.</summary>
public abstract class PhysicalBackendConformance
{
    /// <summary>A new, empty backend.</summary>
    protected abstract IPhysicalBackend CreateBackend();

    [Fact]
    public async Task Get_MissingKey_ReturnsNull()
    {
        Assert.Null(await CreateBackend().GetAsync("missing/key"));
    }

    [Fact]
    public async Task Put_Get_Delete_RoundTrip()
    {
        var backend = CreateBackend();
        await backend.PutAsync("a/b", Bytes("value"));
        Assert.Equal(Bytes("value"), await backend.GetAsync("a/b"));
        await backend.DeleteAsync("a/b");
        Assert.Null(await backend.GetAsync("a/b"));
        await backend.DeleteAsync("a/b");
    }

    [Fact]
    public async Task Put_Overwrite_KeepsLastValue()
    {
        var backend = CreateBackend();
        await backend.PutAsync("k", Bytes("first, and longer"));
        await backend.PutAsync("k", Bytes("second"));
        Assert.Equal(Bytes("second"), await backend.GetAsync("k"));
    }

    [Fact]
    public async Task Put_EmptyAndLargeValues_RoundTrip()
    {
        var backend = CreateBackend();
        var large = new byte[1024 * 1024];
        Random.Shared.NextBytes(large);
        await backend.PutAsync("empty", ReadOnlyMemory<byte>.Empty);
        await backend.PutAsync("large", large);
        Assert.Equal(Array.Empty<byte>(), await backend.GetAsync("empty"));
        Assert.Equal(large, await backend.GetAsync("large"));
    }

    [Fact]
    public async Task List_ReturnsDirectChildrenAndSubFoldersSorted()
    {
        var backend = CreateBackend();
        await backend.PutAsync("root/b", Bytes("1"));
        await backend.PutAsync("root/a", Bytes("2"));
        await backend.PutAsync("root/dir/x", Bytes("3"));
        await backend.PutAsync("root/dir/deeper/y", Bytes("4"));
        await backend.PutAsync("rootsibling", Bytes("5"));

        Assert.Equal(["a", "b", "dir/"], await backend.ListAsync("root/"));
        Assert.Equal(["deeper/", "x"], await backend.ListAsync("root/dir/"));
        Assert.Contains("root/", await backend.ListAsync(""));
        Assert.Contains("rootsibling", await backend.ListAsync(""));
    }

    [Fact]
    public async Task List_MissingPrefix_IsEmpty_AndDeletedFoldersDisappear()
    {
        var backend = CreateBackend();
        Assert.Empty(await backend.ListAsync("nothing/here/"));
        await backend.PutAsync("gone/soon/x", Bytes("1"));
        await backend.DeleteAsync("gone/soon/x");
        Assert.DoesNotContain("gone/", await backend.ListAsync(""));
        Assert.Empty(await backend.ListAsync("gone/"));
    }

    [Fact]
    public async Task KeyAndFolderWithTheSameName_Coexist()
    {
        var backend = CreateBackend();
        await backend.PutAsync("same", Bytes("key"));
        await backend.PutAsync("same/child", Bytes("child"));
        Assert.Equal(Bytes("key"), await backend.GetAsync("same"));
        Assert.Equal(Bytes("child"), await backend.GetAsync("same/child"));
        Assert.Equal(["same", "same/"], (await backend.ListAsync("")).Where(k => k.StartsWith("same", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("café/naïve")]
    [InlineData("日本/語")]
    [InlineData("emoji/🔐")]
    [InlineData("spaces in/a key")]
    [InlineData("_underscore/.dotted")]
    [InlineData("percent%20/back\\slash")]
    public async Task UnicodeAndUnusualKeys_RoundTripAndList(string key)
    {
        var backend = CreateBackend();
        await backend.PutAsync(key, Bytes(key));
        Assert.Equal(Bytes(key), await backend.GetAsync(key));
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        Assert.Equal([key[(slash + 1)..]], await backend.ListAsync(key[..(slash + 1)]));
        Assert.Equal([key[..(slash + 1)]], await backend.ListAsync(""));
    }

    [Fact]
    public async Task DeeplyNestedKeys_RoundTrip()
    {
        var backend = CreateBackend();
        var key = string.Join('/', Enumerable.Range(0, 50).Select(i => $"level{i}"));
        await backend.PutAsync(key, Bytes("deep"));
        Assert.Equal(Bytes("deep"), await backend.GetAsync(key));
        Assert.Equal(["level49"], await backend.ListAsync(key[..(key.LastIndexOf('/') + 1)]));
    }

    [Fact]
    public async Task ParallelWriters_OnDistinctKeys_AllLand()
    {
        var backend = CreateBackend();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => backend.PutAsync($"par/{i:D2}", Bytes($"value-{i}")))));
        Assert.Equal(64, (await backend.ListAsync("par/")).Count);
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(Bytes($"value-{i}"), await backend.GetAsync($"par/{i:D2}"));
        }
    }

    [Fact]
    public async Task ParallelWriters_OnOneKey_LeaveOneIntactValue()
    {
        var backend = CreateBackend();
        var values = Enumerable.Range(0, 64).Select(i => Bytes(new string((char)('a' + (i % 26)), 1000 + i))).ToArray();
        await Task.WhenAll(values.Select(v => Task.Run(() => backend.PutAsync("contended", v))));
        var final = await backend.GetAsync("contended");
        Assert.Contains(values, v => v.SequenceEqual(final!));
    }

    [Fact]
    public async Task ParallelPutsAndDeletes_InOneFolder_NeverFail()
    {
        var backend = CreateBackend();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            await backend.PutAsync($"churn/sub/{i % 4}", Bytes("x"));
            await backend.DeleteAsync($"churn/sub/{i % 4}");
        })));
        await backend.PutAsync("churn/sub/final", Bytes("ok"));
        Assert.Equal(Bytes("ok"), await backend.GetAsync("churn/sub/final"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("a//b")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("a/./b")]
    [InlineData("nul\0byte")]
    [InlineData("")]
    public async Task BadKeys_AreRefused(string key)
    {
        var backend = CreateBackend();
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.PutAsync(key, Bytes("x")));
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.GetAsync(key));
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.DeleteAsync(key));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("a//")]
    [InlineData("no-slash")]
    public async Task BadListPrefixes_AreRefused(string prefix)
    {
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => CreateBackend().ListAsync(prefix));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
