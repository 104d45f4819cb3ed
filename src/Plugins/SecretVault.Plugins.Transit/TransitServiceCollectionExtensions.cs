using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit;

/// <summary>Registers the transit secrets engine.</summary>
public static class TransitServiceCollectionExtensions
{
    /// <summary>Makes <c>secrets enable transit</c> available.</summary>
    public static IServiceCollection AddTransit(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogicalBackendFactory, TransitBackendFactory>());
        return services;
    }
}
