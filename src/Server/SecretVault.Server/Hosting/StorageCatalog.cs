using Microsoft.Extensions.DependencyInjection;
using SecretVault.Server.Configuration;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Server.Hosting;

/// <summary>The storage backends found by type name; a duplicate name fails at start-up.</summary>
public sealed class StorageCatalog
{
    private readonly Dictionary<string, IPhysicalBackendFactory> _factories;

    private StorageCatalog(Dictionary<string, IPhysicalBackendFactory> factories)
    {
        _factories = factories;
    }

    /// <summary>
    /// The catalog of the backends <see cref="SecretVaultPlugins"/> registers, for reading the configuration before the
    /// server's own container exists: a backend added to that list is known here without a second line.
    /// </summary>
    public static StorageCatalog Default { get; } = FromRegistrations(new ServiceCollection().AddSecretVaultPlugins());

    /// <summary>Each type with the settings it accepts.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Types => _factories.ToDictionary(f => f.Key, f => f.Value.ConfigKeys);

    /// <summary>Builds the catalog; throws on two factories with the same type.</summary>
    public static StorageCatalog Create(IEnumerable<IPhysicalBackendFactory> factories)
    {
        var byType = new Dictionary<string, IPhysicalBackendFactory>(StringComparer.Ordinal);
        foreach (var factory in factories)
        {
            if (!byType.TryAdd(factory.Type, factory))
            {
                throw new InvalidOperationException($"two storage backends are registered with the type \"{factory.Type}\"");
            }
        }

        return new StorageCatalog(byType);
    }

    /// <summary>The catalog of the storage backends registered in <paramref name="services"/>.</summary>
    public static StorageCatalog FromRegistrations(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return Create(provider.GetServices<IPhysicalBackendFactory>());
    }

    /// <summary>Creates the configured backend; configuration errors name the key.</summary>
    public IPhysicalBackend CreateBackend(StorageConfig config)
    {
        if (!_factories.TryGetValue(config.Type, out var factory))
        {
            throw new ConfigException($"unknown storage type \"{config.Type}\"");
        }

        try
        {
            return factory.Create(config.Settings);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException($"invalid storage.{config.Type} configuration: {ex.Message}", ex);
        }
        catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && config.Settings.ContainsKey("path"))
        {
            // A folder that cannot be opened names its key; other backends' start-up errors name their setting themselves.
            throw new ConfigException($"invalid value for \"storage.{config.Type}.path\": {ex.Message}", ex);
        }
    }
}
