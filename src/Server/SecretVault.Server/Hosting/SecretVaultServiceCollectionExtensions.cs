using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Core;
using SecretVault.Core.Hosting;
using SecretVault.Server.Configuration;
using SecretVault.Sdk.Logical;
using SecretVault.Server.Http;
using SecretVault.Storage.Abstractions;

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
            DisableUnauthedGenerateRoot = config.Listener.DisableUnauthedGenerateRootEndpoints,
            DisableUnauthedRekey = config.Listener.DisableUnauthedRekeyEndpoints,
            SanitizedConfig = SanitizedConfig.Of(config),
        });
        services.AddSingleton(sp => StorageCatalog.Create(sp.GetServices<IPhysicalBackendFactory>()).CreateBackend(config.Storage));
        services.AddSingleton(new LogicalRequestFactory(config.Listener.MaxRequestSize, config.Listener.JsonLimits));
        services.AddSingleton<VaultApiEndpoint>();
        return services.AddSecretVaultPlugins();
    }
}
