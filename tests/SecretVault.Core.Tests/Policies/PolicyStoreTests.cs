using System.Security.Cryptography;
using SecretVault.Core.Barrier;
using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions.InMemory;

namespace SecretVault.Core.Tests.Policies;

public sealed class PolicyStoreTests
{
    [Fact]
    public async Task Set_Get_List_Delete_RoundTrip()
    {
        var store = await NewStoreAsync();
        Assert.Equal("ops", await store.SetAsync("Ops", """path "a" { capabilities = ["read"] }"""));
        Assert.Equal("ops", (await store.GetAsync("ops"))!.Name);
        Assert.Equal(["default", "ops", "root"], await store.ListAsync());
        await store.DeleteAsync("ops");
        Assert.Null(await store.GetAsync("ops"));
        await store.DeleteAsync("ops");
    }

    [Theory]
    [InlineData("root")]
    [InlineData("Root")]
    [InlineData(" ROOT")]
    [InlineData("ｒｏｏｔ")]
    [InlineData("response-wrapping")]
    public async Task ReservedNames_CannotBeWrittenOrDeleted(string name)
    {
        var store = await NewStoreAsync();
        var write = await Assert.ThrowsAsync<LogicalException>(() => store.SetAsync(name, """path "a" { capabilities = ["read"] }"""));
        Assert.Equal(400, write.StatusCode);
        await Assert.ThrowsAsync<LogicalException>(() => store.DeleteAsync(name));
    }

    [Fact]
    public async Task Default_CanBeEditedNotDeleted()
    {
        var store = await NewStoreAsync();
        Assert.NotNull(await store.GetAsync("default"));
        await store.SetAsync("default", """path "x" { capabilities = ["read"] }""");
        var error = await Assert.ThrowsAsync<LogicalException>(() => store.DeleteAsync("default"));
        Assert.Equal(["cannot delete default policy"], error.Errors);
    }

    [Fact]
    public async Task BadPolicy_Is400WithPosition_AndNothingIsWritten()
    {
        var store = await NewStoreAsync();
        var error = await Assert.ThrowsAsync<LogicalException>(() => store.SetAsync("bad", "path \"a\" {\n capabilities = [\"reed\"]\n}"));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("line 2", error.Errors[0], StringComparison.Ordinal);
        Assert.Null(await store.GetAsync("bad"));
    }

    [Fact]
    public async Task AclCache_IsInvalidatedByAWrite()
    {
        var store = await NewStoreAsync();
        await store.SetAsync("p", """path "a" { capabilities = ["read"] }""");
        Assert.True((await store.GetAclAsync(["p"])).Evaluate("a", Operation.Read, null, false).Allowed);
        await store.SetAsync("p", """path "a" { capabilities = ["deny"] }""");
        Assert.False((await store.GetAclAsync(["p"])).Evaluate("a", Operation.Read, null, false).Allowed);
    }

    private static async Task<PolicyStore> NewStoreAsync()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var barrier = new AesGcmBarrier(new InMemoryBackend(), TimeProvider.System);
        await barrier.InitializeAsync(key);
        await barrier.UnsealAsync(key);
        var store = new PolicyStore(barrier);
        await store.OnInitializeAsync(CancellationToken.None);
        return store;
    }
}
