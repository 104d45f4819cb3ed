using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tests.Mounts;

/// <summary>Issue 17 item 3: mount type aliases and option rules come from the factories, not from the core.</summary>
public sealed class BackendCatalogTests
{
    private static readonly BackendCatalog Catalog = new([new Engine()]);

    [Fact]
    public void ResolveEnable_AnAliasThatSetsOptions_StoresTheFactoryTypeWithTheAliasOptionWinning()
    {
        var (type, options) = Catalog.ResolveEnable("engine-v2", new Dictionary<string, string> { ["version"] = "1", ["other"] = "x" });

        Assert.Equal("engine", type);
        Assert.Equal(new Dictionary<string, string> { ["version"] = "2", ["other"] = "x" }, options);
    }

    [Fact]
    public void ResolveEnable_AnAliasThatKeepsItsName_IsStoredUnderItAndServedByTheFactory()
    {
        var (type, options) = Catalog.ResolveEnable("old-engine", null);

        Assert.Equal("old-engine", type);
        Assert.Null(options);
        Assert.IsType<Engine>(Catalog.Find("old-engine", BackendKind.Secret));
        Assert.Null(Catalog.Find("old-engine", BackendKind.Auth));
    }

    [Fact]
    public void ResolveEnable_TheFactoryRule_DecidesTheOptions()
    {
        Assert.Equal("refused", Assert.Throws<LogicalException>(() => Catalog.ResolveEnable("engine", new Dictionary<string, string> { ["refuse"] = "1" })).Message);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("plain")]
    public void ResolveEnable_AVersionForATypeWithoutItsOwnRule_IsRefused(string type)
    {
        var catalog = new BackendCatalog([new Engine(), new Plain()]);

        var error = Assert.Throws<LogicalException>(() => catalog.ResolveEnable(type, new Dictionary<string, string> { ["version"] = "2" }));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal($"secrets engine \"{type}\" does not allow setting a version", error.Message);
    }

    [Fact]
    public void CheckTune_ADefaultRule_KeepsEveryOption()
    {
        var catalog = new BackendCatalog([new Plain()]);
        var mount = new MountEntry { Path = "p/", Type = "plain", Kind = BackendKind.Secret, Uuid = "u", Accessor = "a" };

        Assert.Equal(new Dictionary<string, string> { ["version"] = "2" }, catalog.CheckTune(mount, new Dictionary<string, string> { ["version"] = "2" }));
    }

    [Fact]
    public void CheckTune_GivesTheFactoryTheCurrentAndRequestedOptions()
    {
        var mount = new MountEntry { Path = "e/", Type = "old-engine", Kind = BackendKind.Secret, Uuid = "u", Accessor = "a", Options = new Dictionary<string, string> { ["refuse-tune"] = "1" } };

        Assert.Equal("tune refused", Assert.Throws<LogicalException>(() => Catalog.CheckTune(mount, new Dictionary<string, string> { ["x"] = "y" })).Message);
    }

    [Theory]
    [InlineData("engine-v2")]
    [InlineData("plain")]
    public void Constructor_AnAliasNamingATypeOrAnotherAlias_Fails(string name)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BackendCatalog([new Engine(), new Plain(), new Plain("other", name)]));

        Assert.Contains($"\"{name}\"", error.Message, StringComparison.Ordinal);
    }

    private sealed class Engine : ILogicalBackendFactory
    {
        public string Type => "engine";

        public BackendKind Kind => BackendKind.Secret;

        public IReadOnlyList<MountTypeAlias> Aliases { get; } =
        [
            new() { Name = "engine-v2", Options = new Dictionary<string, string> { ["version"] = "2" } },
            new() { Name = "old-engine", KeepsName = true },
        ];

        public IReadOnlyDictionary<string, string>? NormalizeOptions(MountOptionsChange change) =>
            change.Requested?.ContainsKey("refuse") == true ? throw LogicalException.BadRequest("refused")
            : !change.IsEnable && change.Current.ContainsKey("refuse-tune") ? throw LogicalException.BadRequest("tune refused")
            : change.Requested;

        public ILogicalBackend Create(BackendContext context) => throw new NotSupportedException();
    }

    private sealed class Plain(string type = "plain", string? alias = null) : ILogicalBackendFactory
    {
        public string Type => type;

        public BackendKind Kind => BackendKind.Secret;

        public IReadOnlyList<MountTypeAlias> Aliases => alias is null ? [] : [new() { Name = alias }];

        public ILogicalBackend Create(BackendContext context) => throw new NotSupportedException();
    }
}
