using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Core.Tests.Mounts;

/// <summary>Issue 15 item 1, defence in depth: a mount table is only written on top of the tables loaded in this unseal.</summary>
public sealed class MountTableStoreTests
{
    [Fact]
    public async Task WriteAsync_OnTablesFromBeforeTheLastSeal_AnswersSealedAndWritesNothing()
    {
        var storage = new InMemoryStorage();
        var store = new MountTableStore(storage);
        var (_, _, before) = await store.LoadAsync(CancellationToken.None);
        store.Forget();
        var (_, _, now) = await store.LoadAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<LogicalException>(() => store.WriteAsync(BackendKind.Secret, [], before, CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Null(await storage.GetAsync("core/mounts"));
        await store.WriteAsync(BackendKind.Secret, [], now, CancellationToken.None);
        Assert.NotNull(await storage.GetAsync("core/mounts"));
    }

    [Fact]
    public async Task WriteAsync_AfterSealWithNoNewLoad_AnswersSealed()
    {
        var store = new MountTableStore(new InMemoryStorage());
        var (_, _, loaded) = await store.LoadAsync(CancellationToken.None);
        store.Forget();

        var error = await Assert.ThrowsAsync<LogicalException>(() => store.WriteAsync(BackendKind.Auth, [], loaded, CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
    }
}
