using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Storage.File;

/// <summary>Registers the file storage backend.</summary>
public static class FileStorageServiceCollectionExtensions
{
    /// <summary>Makes <c>storage: {file: {path: ...}}</c> available.</summary>
    public static IServiceCollection AddFileStorage(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPhysicalBackendFactory, FileBackendFactory>());
        return services;
    }
}
