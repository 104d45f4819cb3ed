using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Storage.PostgreSql;

/// <summary>The PostgreSQL backend's registration, composed by the server with the other backends.</summary>
public static class PostgreSqlStorageServiceCollectionExtensions
{
    /// <summary>Makes <c>storage: {postgresql: {connection_url: ...}}</c> available.</summary>
    public static IServiceCollection AddPostgreSqlStorage(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPhysicalBackendFactory, PostgreSqlBackendFactory>());
        return services;
    }
}
