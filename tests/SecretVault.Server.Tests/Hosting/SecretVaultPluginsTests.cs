using Microsoft.Extensions.DependencyInjection;
using SecretVault.Sdk.Logical;
using SecretVault.Server.Hosting;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Server.Tests.Hosting;

/// <summary>Issue 17 item 3: the server's one list registers every built-in plugin and storage backend through its own extension.</summary>
public sealed class SecretVaultPluginsTests
{
    [Fact]
    public void AddSecretVaultPlugins_RegistersEveryBuiltInPluginByType()
    {
        using var provider = new ServiceCollection().AddSecretVaultPlugins().BuildServiceProvider();

        var plugins = provider.GetServices<ILogicalBackendFactory>().Select(f => (f.Type, f.Kind)).Order().ToList();

        Assert.Equal(
            [("approle", BackendKind.Auth), ("kv", BackendKind.Secret), ("transit", BackendKind.Secret), ("userpass", BackendKind.Auth)],
            plugins);
    }

    [Fact]
    public void AddSecretVaultPlugins_Twice_RegistersEachOnce()
    {
        using var provider = new ServiceCollection().AddSecretVaultPlugins().AddSecretVaultPlugins().BuildServiceProvider();

        Assert.Equal(4, provider.GetServices<ILogicalBackendFactory>().Count());
        Assert.Equal(3, provider.GetServices<IPhysicalBackendFactory>().Count());
    }

    [Fact]
    public void StorageCatalogDefault_KnowsTheRegisteredBackendsWithTheirSettings()
    {
        var types = StorageCatalog.Default.Types;

        Assert.Equal(["file", "inmem", "postgresql"], types.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["path"], types["file"]);
        Assert.Empty(types["inmem"]);
    }

    [Fact]
    public void StorageCatalog_FromRegistrations_SeesOnlyWhatWasRegistered()
    {
        var catalog = StorageCatalog.FromRegistrations(new ServiceCollection().AddSingleton<IPhysicalBackendFactory, Storage.File.FileBackendFactory>());

        Assert.Equal(["file"], catalog.Types.Keys);
    }
}
