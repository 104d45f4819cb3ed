using SecretVault.Sdk.Storage;
using SecretVault.Storage.Abstractions.InMemory;

namespace SecretVault.Sdk.Tests.Storage;

public sealed class StorageViewTests
{
    [Fact]
    public async Task View_PrefixesEveryKey_AndSubViewNests()
    {
        var inner = new PhysicalAsLogical(new InMemoryBackend());
        var view = new StorageView(inner, "logical/abc/");
        await view.PutAsync("a", new byte[] { 1 });
        await view.SubView("sub/").PutAsync("b", new byte[] { 2 });

        Assert.Equal(new byte[] { 1 }, await inner.GetAsync("logical/abc/a"));
        Assert.Equal(new byte[] { 2 }, await inner.GetAsync("logical/abc/sub/b"));
        Assert.Equal(["a", "sub/"], await view.ListAsync(""));
        await view.DeleteAsync("a");
        Assert.Null(await inner.GetAsync("logical/abc/a"));
    }

    [Fact]
    public void View_PrefixWithoutSlash_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new StorageView(new PhysicalAsLogical(new InMemoryBackend()), "logical"));
    }

    private sealed class PhysicalAsLogical(InMemoryBackend backend) : IStorage
    {
        public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => backend.GetAsync(key, ct);

        public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default) => backend.PutAsync(key, value, ct);

        public Task DeleteAsync(string key, CancellationToken ct = default) => backend.DeleteAsync(key, ct);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => backend.ListAsync(prefix, ct);
    }
}
