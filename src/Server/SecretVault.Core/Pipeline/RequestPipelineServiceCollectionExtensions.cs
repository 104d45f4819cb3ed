using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretVault.Core.Audit;
using SecretVault.Core.Pipeline.Steps;
using SecretVault.Core.System;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Pipeline;

/// <summary>Registers the request path: its steps in DESIGN.md's order, the pipeline, and <see cref="RequestHandler"/>.</summary>
public static class RequestPipelineServiceCollectionExtensions
{
    /// <summary>
    /// The steps in order: a request passes them top-down and its answer comes back bottom-up (dispatch, then
    /// leases, login, wrapping, audit). An audit broker registered before this call replaces the one that records nothing.
    /// </summary>
    public static IServiceCollection AddRequestPipeline(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditBroker, NoAuditBroker>();
        services.AddSingleton<AclAuthorizer>();
        services.AddSingleton<IRequestStep, SealGateStep>();
        services.AddSingleton<IRequestStep, StandbyGateStep>();
        services.AddSingleton<IRequestStep, RouteStep>();
        services.AddSingleton<IRequestStep, AuthenticationStep>();
        services.AddSingleton<IRequestStep, SealCommandStep>();
        services.AddSingleton<IRequestStep, AuthorizationStep>();
        services.AddSingleton<IRequestStep, AuditStep>();
        services.AddSingleton<IRequestStep, WrappingStep>();
        services.AddSingleton<IRequestStep, LoginStep>();
        services.AddSingleton<IRequestStep, LeaseStep>();
        services.AddSingleton<IRequestStep, DispatchStep>();
        services.AddSingleton<RequestPipeline>();
        services.AddSingleton<RequestHandler>();

        // sys/ is routed as every mount, through the catalog. The factory resolves the backend when the mount loads
        // (not when the catalog is built): the sys/ backend manages the mount table that routes to it.
        services.AddSingleton<ILogicalBackendFactory>(sp => new SystemBackendFactory(sp.GetRequiredService<SystemBackend>));
        return services;
    }
}
