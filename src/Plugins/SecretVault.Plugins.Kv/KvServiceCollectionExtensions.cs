using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv;

/// <summary>Registers the kv secrets engine.</summary>
public static class KvServiceCollectionExtensions
{
    /// <summary>Makes <c>type: kv</c> (and <c>kv-v1</c>, <c>kv-v2</c>) mountable.</summary>
    public static IServiceCollection AddKv(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogicalBackendFactory, KvBackendFactory>());
        return services;
    }
}
