using SecretVault.Core.Lockout;
using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tests.Lockout;

public sealed class LockoutPolicyTests
{
    private static readonly Dictionary<string, UserLockoutConfig> Server = new(StringComparer.Ordinal)
    {
        ["all"] = new() { Duration = TimeSpan.FromMinutes(10), CounterReset = TimeSpan.FromMinutes(10) },
        ["userpass"] = new() { Threshold = 25, Duration = TimeSpan.FromMinutes(5) },
        ["ldap"] = new() { Disable = true },
    };

    [Fact]
    public void Of_NothingConfigured_IsVaultsDefault() =>
        Assert.Equal(new LockoutPolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)), LockoutPolicy.Of(Mount("userpass"), new Dictionary<string, UserLockoutConfig>()));

    [Fact]
    public void Of_TypeStanza_OverridesAll_WhichOverridesTheDefaults()
    {
        // Vault's documented example: userpass 25 / 5m / 10m; approle 5 / 10m / 10m.
        Assert.Equal(new LockoutPolicy(25, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)), LockoutPolicy.Of(Mount("userpass"), Server));
        Assert.Equal(new LockoutPolicy(5, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)), LockoutPolicy.Of(Mount("approle"), Server));
        Assert.Null(LockoutPolicy.Of(Mount("ldap"), Server));
    }

    [Fact]
    public void Of_MountTune_OverridesTheServerFile_BothWays()
    {
        var tuned = Mount("userpass", new UserLockoutConfig { Threshold = 3, CounterReset = TimeSpan.FromMinutes(1) });
        Assert.Equal(new LockoutPolicy(3, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)), LockoutPolicy.Of(tuned, Server));
        Assert.Null(LockoutPolicy.Of(Mount("userpass", new UserLockoutConfig { Disable = true }), Server));
        Assert.NotNull(LockoutPolicy.Of(Mount("ldap", new UserLockoutConfig { Disable = false }), Server));
    }

    [Theory]
    [InlineData("token", BackendKind.Auth)]
    [InlineData("kv", BackendKind.Secret)]
    [InlineData("userpass", BackendKind.Secret)]
    public void Of_OtherTypes_HaveNoLockout(string type, BackendKind kind) =>
        Assert.Null(LockoutPolicy.Of(Mount(type) with { Kind = kind }, Server));

    private static MountEntry Mount(string type, UserLockoutConfig? tune = null) => new()
    {
        Path = type + "/",
        Type = type,
        Kind = BackendKind.Auth,
        Uuid = Guid.NewGuid().ToString(),
        Accessor = $"auth_{type}_0123abcd",
        Config = new MountConfigEntry { UserLockout = tune },
    };
}
