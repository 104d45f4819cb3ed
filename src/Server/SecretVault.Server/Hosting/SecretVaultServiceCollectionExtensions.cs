using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Core;
using SecretVault.Core.Authorization;
using SecretVault.Core.Barrier;
using SecretVault.Core.Cubbyhole;
using SecretVault.Core.Leases;
using SecretVault.Core.Lockout;
using SecretVault.Core.Mounts;
using SecretVault.Core.Periodic;
using SecretVault.Core.Policies;
using SecretVault.Core.Routing;
using SecretVault.Core.Seal;
using SecretVault.Core.System;
using SecretVault.Core.Tokens;
using SecretVault.Core.Wrapping;
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
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(config);
        services.AddSingleton(new VaultOptions
        {
            ClusterName = config.ClusterName,
            StorageType = config.Storage.Type,
            ApiAddress = config.ApiAddr,
            DefaultLeaseTtl = config.DefaultLeaseTtl,
            MaxLeaseTtl = config.MaxLeaseTtl,
            UserLockout = config.UserLockout,
        });
        services.AddSingleton(sp => StorageCatalog.Create(sp.GetServices<IPhysicalBackendFactory>()).CreateBackend(config.Storage));
        services.AddSingleton<ISecurityBarrier>(sp => new AesGcmBarrier(sp.GetRequiredService<IPhysicalBackend>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(new ExpirationOptions());
        services.AddSingleton(sp => new LeaseStore(sp.GetRequiredService<ISecurityBarrier>()));
        services.AddSingleton<ExpirationQueue>();
        services.AddSingleton<LeaseBackendCall>();
        services.AddSingleton<LeaseRevoker>();
        services.AddSingleton<LeaseIssuer>();
        services.AddSingleton<TokenLeaseTracker>();
        services.AddSingleton(sp => new TokenStore(
            sp.GetRequiredService<ISecurityBarrier>(),
            sp.GetRequiredService<TimeProvider>(),
            [new CubbyholeDestroyer(sp.GetRequiredService<ISecurityBarrier>()), sp.GetRequiredService<TokenLeaseTracker>()],
            sp.GetRequiredService<TokenLeaseTracker>()));
        services.AddSingleton<ExpirationManager>();
        services.AddSingleton(sp => new CubbyholeBackend(sp.GetRequiredService<TokenStore>()));
        services.AddSingleton<ILogicalBackendFactory, CubbyholeBackendFactory>();
        services.AddSingleton(sp => new PolicyStore(sp.GetRequiredService<ISecurityBarrier>()));
        services.AddSingleton<Router>();
        services.AddSingleton<BackendCatalog>();
        services.AddSingleton(sp => new MountManager(
            sp.GetRequiredService<ISecurityBarrier>(), sp.GetRequiredService<BackendCatalog>(), sp.GetRequiredService<Router>(), sp.GetRequiredService<TimeProvider>()));
        // Unseal order: mounts, then policies, then tokens, then leases, then periodic functions (seal runs in reverse).
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<MountManager>());
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<PolicyStore>());
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<TokenStore>());
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<ExpirationManager>());
        services.AddSingleton(sp => new LockoutTracker(
            sp.GetRequiredService<ISecurityBarrier>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LockoutTracker>>()));
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<LockoutTracker>());
        services.AddSingleton<LoginLockout>();
        services.AddSingleton<LockedUsersPaths>();
        services.TryAddSingleton(new PeriodicOptions());
        services.AddSingleton<PeriodicFunctionRunner>();
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<PeriodicFunctionRunner>());
        services.AddSingleton<KeyHolderCeremonyLock>();
        services.AddSingleton<RootTokenGeneration>();
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<RootTokenGeneration>());
        services.AddSingleton<RekeyOperation>();
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<RekeyOperation>());
        services.AddSingleton<ISudoChecker, AclSudoChecker>();
        services.AddSingleton<TokenCreator>();
        services.AddSingleton<TokenBackend>();
        services.AddSingleton<ILogicalBackendFactory, TokenBackendFactory>();
        services.AddSingleton<LoginTokenIssuer>();
        services.AddSingleton<MountPaths>();
        services.AddSingleton<PolicyPaths>();
        services.AddSingleton<CapabilitiesPaths>();
        services.AddSingleton<UiMountsPaths>();
        services.AddSingleton<MetricsPaths>();
        services.AddSingleton<LeasePaths>();
        services.AddSingleton<ResponseWrapper>();
        services.AddSingleton<WrappingPaths>();
        services.AddSingleton<GenerateRootPaths>();
        services.AddSingleton<RekeyPaths>();
        services.AddSingleton<KeyRotationPaths>();
        services.AddSingleton<HostInfoPaths>();
        services.AddSingleton<SystemBackend>();
        services.AddSingleton<VaultLifecycle>();
        services.AddSingleton<SealPaths>();
        services.AddSingleton<RequestHandler>();
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
