using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>Registers the userpass auth method.</summary>
public static class UserPassServiceCollectionExtensions
{
    /// <summary>Makes <c>auth enable userpass</c> available.</summary>
    public static IServiceCollection AddUserPass(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogicalBackendFactory, UserPassBackendFactory>());
        return services;
    }
}
