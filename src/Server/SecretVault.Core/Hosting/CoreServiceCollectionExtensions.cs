using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SecretVault.Core.Authorization;
using SecretVault.Core.Barrier;
using SecretVault.Core.Cubbyhole;
using SecretVault.Core.HighAvailability;
using SecretVault.Core.Leases;
using SecretVault.Core.Lockout;
using SecretVault.Core.Mounts;
using SecretVault.Core.Periodic;
using SecretVault.Core.Pipeline;
using SecretVault.Core.Policies;
using SecretVault.Core.Routing;
using SecretVault.Core.Seal;
using SecretVault.Core.System;
using SecretVault.Core.Tokens;
using SecretVault.Core.Wrapping;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Hosting;

/// <summary>
/// The core's registrations, shared by the server and the core test host. The caller registers the
/// <see cref="IPhysicalBackend"/>, logging (<see cref="ILogger{T}"/>) and the plugin factories; a
/// <see cref="TimeProvider"/>, <see cref="ExpirationOptions"/> or <see cref="PeriodicOptions"/> registered
/// before this call replaces the default.
/// </summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the barrier, the subsystems in their unseal order, the sys/ paths and the request handler.</summary>
    public static IServiceCollection AddSecretVaultCore(this IServiceCollection services, VaultOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.TryAddSingleton<IHaState, SingleNodeHaState>();
        services.AddSingleton<ISecurityBarrier>(sp => new AesGcmBarrier(sp.GetRequiredService<IPhysicalBackend>(), sp.GetRequiredService<TimeProvider>()));
        services.AddLeasesAndTokens();
        services.AddMountsAndPolicies();

        // Unseal order: mounts, then policies, then tokens, then leases, then the rest (seal runs in reverse).
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
        services.AddKeyHolderCeremonies();
        services.AddSingleton<ISudoChecker, AclSudoChecker>();
        services.AddSingleton<TokenCreator>();
        services.AddSingleton<TokenBackend>();
        services.AddSingleton<ILogicalBackendFactory, TokenBackendFactory>();
        services.AddSingleton<LoginTokenIssuer>();
        services.AddSystemPaths();
        services.AddSingleton<VaultLifecycle>();
        services.AddRequestPipeline();
        return services;
    }

    private static void AddLeasesAndTokens(this IServiceCollection services)
    {
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
    }

    private static void AddMountsAndPolicies(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PolicyStore(sp.GetRequiredService<ISecurityBarrier>()));
        services.AddSingleton<Router>();
        services.AddSingleton<BackendCatalog>();
        services.AddSingleton(sp => new MountManager(
            sp.GetRequiredService<ISecurityBarrier>(), sp.GetRequiredService<BackendCatalog>(), sp.GetRequiredService<Router>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<VaultOptions>(), sp.GetRequiredService<ILoggerFactory>()));
    }

    private static void AddKeyHolderCeremonies(this IServiceCollection services)
    {
        services.AddSingleton<KeyHolderCeremonyLock>();
        services.AddSingleton<RootTokenGeneration>();
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<RootTokenGeneration>());
        services.AddSingleton<RekeyOperation>();
        services.AddSingleton<ILifecycleParticipant>(sp => sp.GetRequiredService<RekeyOperation>());
    }

    private static void AddSystemPaths(this IServiceCollection services)
    {
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
        services.AddSingleton<ConfigStatePaths>();
        services.AddSingleton<HostInfoPaths>();
        services.AddSingleton<SystemBackend>();
        services.AddSingleton<SealPaths>();
    }
}
