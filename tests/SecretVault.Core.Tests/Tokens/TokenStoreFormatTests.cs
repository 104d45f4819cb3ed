using System.Text;
using System.Text.Json;
using SecretVault.Core.Tokens;
using SecretVault.Testing.Plugins;

namespace SecretVault.Core.Tests.Tokens;

/// <summary>Token entries written before the stores shared one JSON serialisation still read back, and new ones are written the same way.</summary>
public sealed class TokenStoreFormatTests
{
    private readonly InMemoryStorage _storage = new();
    private readonly TokenStore _tokens;

    public TokenStoreFormatTests()
    {
        _tokens = new TokenStore(_storage, TimeProvider.System);
    }

    [Fact]
    public async Task LookupAsync_EntryInTheOldFormat_ReadsBack()
    {
        var hash = await _tokens.HashOfAsync("s.old");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var old = $$"""
            {"hash":"{{hash}}","accessor":"acc","policies":["default","dev"],"path":"auth/token/create","display_name":"token",
            "creation_time":{{now}},"ttl":600,"expire_time":{{now + 600}},"max_expire_time":0,"explicit_max_ttl":0,"period":0,
            "num_uses":2,"renewable":true,"orphan":true,"parent":null,"meta":{"team":"a"},"role":null,"bound_cidrs":["10.0.0.0/8"],
            "last_renewal_time":0,"type":"service"}
            """;
        await _storage.PutAsync("sys/token/id/" + hash, Encoding.UTF8.GetBytes(old));

        var entry = await _tokens.LookupAsync("s.old");

        Assert.NotNull(entry);
        Assert.Equal(["default", "dev"], entry.Policies);
        Assert.Equal("acc", entry.Accessor);
        Assert.Equal(2, entry.NumUses);
        Assert.Equal("a", entry.Meta!["team"]);
        Assert.Equal(["10.0.0.0/8"], entry.BoundCidrs);
    }

    [Fact]
    public async Task CreateAsync_StoresTheBytesTheOldStoreWrote()
    {
        var (_, entry) = await _tokens.CreateAsync(new TokenCreateRequest
        {
            Policies = ["dev"],
            Path = "auth/token/create",
            DisplayName = "token",
            Ttl = TimeSpan.FromMinutes(10),
            Meta = new Dictionary<string, string> { ["ünï"] = "<&>" },
        });

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(entry), await _storage.GetAsync("sys/token/id/" + entry.Hash));
    }
}
