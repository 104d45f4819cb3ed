using Microsoft.Extensions.DependencyInjection;
using SecretVault.Plugins.Auth.AppRole;
using SecretVault.Plugins.Auth.UserPass;
using SecretVault.Plugins.Kv;
using SecretVault.Plugins.Transit;
using SecretVault.Storage.Abstractions.InMemory;
using SecretVault.Storage.File;
using SecretVault.Storage.PostgreSql;

namespace SecretVault.Server.Hosting;

/// <summary>
/// The storage backends and plugins the server ships, one line each. Each registers itself through an extension in
/// its own project; a new engine adds its line here (and its project to the server's references).
/// </summary>
public static class SecretVaultPlugins
{
    /// <summary>Registers every built-in storage backend and plugin.</summary>
    public static IServiceCollection AddSecretVaultPlugins(this IServiceCollection services) => services
        .AddInMemoryStorage()
        .AddFileStorage()
        .AddPostgreSqlStorage()
        .AddKv()
        .AddTransit()
        .AddUserPass()
        .AddAppRole();
}
