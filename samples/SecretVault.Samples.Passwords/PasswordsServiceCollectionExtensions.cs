using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Sdk.Logical;

namespace SecretVault.Samples.Passwords;

/// <summary>Registers the sample passwords engine.</summary>
public static class PasswordsServiceCollectionExtensions
{
    /// <summary>Makes <c>secrets enable passwords</c> available.</summary>
    public static IServiceCollection AddPasswordsSample(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogicalBackendFactory, PasswordsBackendFactory>());
        return services;
    }
}
