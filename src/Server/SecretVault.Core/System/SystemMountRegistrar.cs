using SecretVault.Core.Routing;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.System;

/// <summary>Publishes the route table after unseal and clears it on seal, so a sealed server routes nothing.</summary>
public sealed class SystemMountRegistrar : ILifecycleParticipant
{
    private readonly Router _router;
    private readonly SystemBackend _system;
    private readonly IStorage _barrier;

    public SystemMountRegistrar(Router router, SystemBackend system, IStorage barrier)
    {
        _router = router;
        _system = system;
        _barrier = barrier;
    }

    /// <inheritdoc />
    public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnUnsealAsync(CancellationToken ct)
    {
        _router.Publish(new RouteTableSnapshot([new RouteEntry("sys/", _system, new StorageView(_barrier, "sys/"))]));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void OnSeal() => _router.Publish(RouteTableSnapshot.Empty);
}
