using SecretVault.Core.Tokens;
using SecretVault.Testing.Plugins;
using SecretVault.Testing.Time;

namespace SecretVault.Core.Tests.Tokens;

public sealed class TokenEntryCacheTests
{
    private static readonly TokenEntry Entry = new() { Hash = "h1", Accessor = "a1", Policies = ["default"], Path = "auth/token/create", DisplayName = "token", CreationTime = 0 };

    [Fact]
    public void ReadThatRacedWithAChange_IsNotCached()
    {
        var cache = new TokenEntryCache();
        var before = cache.Generation;
        cache.Changed("h1");
        cache.AddIfUnchanged("h1", Entry, before);
        Assert.False(cache.TryGet("h1", out _));
    }

    [Fact]
    public void Change_EvictsTheEntry()
    {
        var cache = new TokenEntryCache();
        cache.AddIfUnchanged("h1", Entry, cache.Generation);
        Assert.True(cache.TryGet("h1", out var cached));
        Assert.Same(Entry, cached);
        cache.Changed("h1");
        Assert.False(cache.TryGet("h1", out _));
    }

    [Fact]
    public async Task Store_RevokedTokenIsGone_EvenAfterItsEntryWasCached()
    {
        var store = new TokenStore(new InMemoryStorage(), new ManualTimeProvider(DateTimeOffset.UtcNow));
        var (token, _) = await store.CreateAsync(new TokenCreateRequest { Policies = ["default"], Path = "auth/token/create", DisplayName = "token", Ttl = TimeSpan.FromHours(1) });
        var first = await store.LookupAsync(token);
        Assert.NotNull(first);
        Assert.Same(first, await store.LookupAsync(token));

        await store.RevokeTreeAsync(first.Hash);
        Assert.Null(await store.LookupAsync(token));
    }

    [Fact]
    public async Task Store_SpentUse_IsSeenByTheNextLookup()
    {
        var store = new TokenStore(new InMemoryStorage(), new ManualTimeProvider(DateTimeOffset.UtcNow));
        var (token, _) = await store.CreateAsync(new TokenCreateRequest { Policies = ["default"], Path = "auth/token/create", DisplayName = "token", Ttl = TimeSpan.FromHours(1), NumUses = 3 });
        await store.LookupAsync(token);
        await store.UseAsync(token);
        Assert.Equal(2, (await store.LookupAsync(token))?.NumUses);
    }
}
