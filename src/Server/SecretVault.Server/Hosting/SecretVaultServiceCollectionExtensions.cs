using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Core;
using SecretVault.Core.Hosting;
using SecretVault.Server.Configuration;
using SecretVault.Plugins.Kv;
using SecretVault.Plugins.Transit;
using SecretVault.Sdk.Logical;
using SecretVault.Server.Http;
using SecretVault.Storage.Abstractions;
using SecretVault.Storage.Abstractions.InMemory;
using SecretVault.Storage.File;

namespace SecretVault.Server.Hosting;

/// <summary>The composition root's registrations, as builder extensions.</summary>
public static class SecretVaultServiceCollectionExtensions
{
    /// <summary>Registers the core and the HTTP edge for <paramref name="config"/>.</summary>
    public static IServiceCollection AddSecretVault(this IServiceCollection services, ServerConfig config)
    {
        services.AddSingleton(config);
        services.AddSecretVaultCore(new VaultOptions
        {
            ClusterName = config.ClusterName,
            StorageType = config.Storage.Type,
            ApiAddress = config.ApiAddr,
            DefaultLeaseTtl = config.DefaultLeaseTtl,
            MaxLeaseTtl = config.MaxLeaseTtl,
            UserLockout = config.UserLockout,
        });
        services.AddSingleton(sp => StorageCatalog.Create(sp.GetServices<IPhysicalBackendFactory>()).CreateBackend(config.Storage));
        services.AddSingleton(new LogicalRequestFactory(config.Listener.MaxRequestSize, config.Listener.JsonLimits));
        services.AddSingleton<VaultApiEndpoint>();
        return services.AddInMemoryStorage().AddFileStorage().AddKv().AddTransit().AddUserPass().AddAppRole();
    }

    /// <summary>Makes <c>auth enable userpass</c> available.</summary>
    public static IServiceCollection AddUserPass(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogicalBackendFactory, Plugins.Auth.UserPass.UserPassBackendFactory>());
        return services;
    }

    /// <summary>Makes <c>auth enable approle</c> available.</summary>
    public static IServiceCollection AddAppRole(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogicalBackendFactory, Plugins.Auth.AppRole.AppRoleBackendFactory>());
        return services;
    }

    /// <summary>Makes <c>storage: {inmem: {}}</c> available.</summary>
    public static IServiceCollection AddInMemoryStorage(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPhysicalBackendFactory, InMemoryBackendFactory>());
        return services;
    }

    /// <summary>Makes <c>storage: {file: {path: ...}}</c> available.</summary>
    public static IServiceCollection AddFileStorage(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPhysicalBackendFactory, FileBackendFactory>());
        return services;
    }
}
