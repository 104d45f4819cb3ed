using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SecretVault.Sdk.Storage;
using SecretVault.Testing.Plugins;

namespace SecretVault.Sdk.Tests.Storage;

public sealed class JsonStoreTests
{
    private readonly InMemoryStorage _storage = new();

    [Fact]
    public async Task GetAsync_BytesWrittenByTheOldStores_ReadBack()
    {
        // What the stores wrote before JsonStore: JsonSerializer.SerializeToUtf8Bytes(entry) with no options.
        var old = new Entry { Name = "Zoë <a&b>", Count = 3, Tags = ["x", "y"], Renamed = "kept" };
        await _storage.PutAsync("entries/one", JsonSerializer.SerializeToUtf8Bytes(old));

        var read = await new JsonStore<Entry>(_storage, "entries/").GetAsync("one");

        Assert.NotNull(read);
        Assert.Equal(old.Name, read.Name);
        Assert.Equal(3, read.Count);
        Assert.Equal(["x", "y"], read.Tags);
        Assert.Equal("kept", read.Renamed);
    }

    [Fact]
    public async Task GetAsync_LiteralOldFormat_ReadsDeclaredAndDefaultPropertyNames()
    {
        await _storage.PutAsync("one", Encoding.UTF8.GetBytes("""{"Name":"Zo\u00EB","Count":7,"Tags":[],"stored_as":"v"}"""));

        var read = await new JsonStore<Entry>(_storage).GetAsync("one");

        Assert.Equal("Zoë", read!.Name);
        Assert.Equal(7, read.Count);
        Assert.Equal("v", read.Renamed);
    }

    [Fact]
    public async Task PutAsync_WritesExactlyTheBytesTheOldStoresWrote()
    {
        var entry = new Entry { Name = "Zoë <a&b> \"q\"", Count = -1, Tags = ["é"], Renamed = null };

        await new JsonStore<Entry>(_storage, "entries/").PutAsync("one", entry);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(entry), await _storage.GetAsync("entries/one"));
    }

    [Fact]
    public async Task GetAsync_Missing_IsNull()
    {
        Assert.Null(await new JsonStore<Entry>(_storage, "entries/").GetAsync("none"));
    }

    [Fact]
    public async Task ListAndDelete_StayInsideThePrefix()
    {
        var store = new JsonStore<Entry>(_storage, "entries/");
        await store.PutAsync("a", new Entry { Name = "a" });
        await store.PutAsync("b/c", new Entry { Name = "c" });
        await _storage.PutAsync("other", new byte[] { 1 });

        Assert.Equal(["a", "b/"], (await store.ListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["c"], await store.ListAsync("b/"));

        await store.DeleteAsync("a");
        Assert.Null(await _storage.GetAsync("entries/a"));
        Assert.NotNull(await _storage.GetAsync("other"));
    }

    [Fact]
    public void Constructor_PrefixWithoutSlash_Throws()
    {
        Assert.Throws<ArgumentException>(() => new JsonStore<Entry>(_storage, "entries"));
    }

    public sealed record Entry
    {
        public string Name { get; init; } = "";

        public int Count { get; init; }

        public IReadOnlyList<string> Tags { get; init; } = [];

        [JsonPropertyName("stored_as")]
        public string? Renamed { get; init; }
    }
}
