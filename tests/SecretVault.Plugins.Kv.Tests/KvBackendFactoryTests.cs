using SecretVault.Plugins.Kv.V2;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv.Tests;

/// <summary>Issue 17 item 3: KV declares its own type aliases and version rules through the SDK.</summary>
public sealed class KvBackendFactoryTests
{
    private static readonly KvBackendFactory Factory = new();

    [Fact]
    public void Aliases_AreVaultsKvNames()
    {
        var aliases = Factory.Aliases.ToDictionary(a => a.Name);

        Assert.Equal(["generic", "kv-v1", "kv-v2"], aliases.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1", aliases["kv-v1"].Options["version"]);
        Assert.Equal("2", aliases["kv-v2"].Options["version"]);
        Assert.False(aliases["kv-v2"].KeepsName);
        Assert.True(aliases["generic"].KeepsName);
        Assert.Empty(aliases["generic"].Options);
    }

    [Fact]
    public void NormalizeOptions_EnablingKvWithAVersion_KeepsIt()
    {
        var options = new Dictionary<string, string> { ["version"] = "2" };

        Assert.Same(options, Factory.NormalizeOptions(new MountOptionsChange { Type = "kv", IsEnable = true, Requested = options }));
    }

    [Fact]
    public void NormalizeOptions_EnablingGenericWithAVersion_IsRefused()
    {
        var error = Assert.Throws<LogicalException>(() => Factory.NormalizeOptions(
            new MountOptionsChange { Type = "generic", IsEnable = true, Requested = new Dictionary<string, string> { ["version"] = "2" } }));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("secrets engine \"generic\" does not allow setting a version", error.Message);
    }

    [Theory]
    [InlineData(null, "2")]
    [InlineData("1", "2")]
    [InlineData("2", "2")]
    [InlineData("1", "1")]
    public void NormalizeOptions_ATuneThatKeepsOrRaisesTheVersion_IsKept(string? current, string requested)
    {
        var change = Tune(current, requested);

        Assert.Same(change.Requested, Factory.NormalizeOptions(change));
    }

    [Fact]
    public void NormalizeOptions_ATuneFromVersion2To1_IsRefused()
    {
        var error = Assert.Throws<LogicalException>(() => Factory.NormalizeOptions(Tune("2", "1")));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("cannot downgrade mount from version 2", error.Message);
    }

    [Theory]
    [InlineData(null, typeof(KvV1Backend))]
    [InlineData("", typeof(KvV1Backend))]
    [InlineData("1", typeof(KvV1Backend))]
    [InlineData("2", typeof(KvV2Backend))]
    public void Create_TheVersionOption_SelectsTheBackend(string? version, Type expected)
    {
        var options = version is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["version"] = version };

        Assert.IsType(expected, Factory.Create(new BackendContext { MountPoint = "secret/", Options = options }));
    }

    private static MountOptionsChange Tune(string? current, string requested) => new()
    {
        Type = "kv",
        IsEnable = false,
        Current = current is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["version"] = current },
        Requested = new Dictionary<string, string> { ["version"] = requested },
    };
}
