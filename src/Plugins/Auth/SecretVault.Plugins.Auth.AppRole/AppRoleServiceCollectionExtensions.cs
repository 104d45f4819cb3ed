using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>Registers the approle auth method.</summary>
public static class AppRoleServiceCollectionExtensions
{
    /// <summary>Makes <c>auth enable approle</c> available.</summary>
    public static IServiceCollection AddAppRole(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogicalBackendFactory, AppRoleBackendFactory>());
        return services;
    }
}
