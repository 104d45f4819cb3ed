using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecretVault.Storage.Abstractions.InMemory;

/// <summary>Registers the in-memory storage backend.</summary>
public static class InMemoryStorageServiceCollectionExtensions
{
    /// <summary>Makes <c>storage: {inmem: {}}</c> available.</summary>
    public static IServiceCollection AddInMemoryStorage(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPhysicalBackendFactory, InMemoryBackendFactory>());
        return services;
    }
}
