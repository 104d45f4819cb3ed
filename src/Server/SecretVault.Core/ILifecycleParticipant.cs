namespace SecretVault.Core;

/// <summary>
/// A subsystem that loads state from behind the barrier after unseal and drops it on seal.
/// <see cref="VaultLifecycle"/> calls participants in registration order on unseal and in reverse on seal.
/// </summary>
public interface ILifecycleParticipant
{
    /// <summary>Called once at init, with the barrier unsealed, to write first-time state (default policy, default mounts).</summary>
    Task OnInitializeAsync(CancellationToken ct);

    /// <summary>Called after the barrier unsealed; load what is needed to serve requests.</summary>
    Task OnUnsealAsync(CancellationToken ct);

    /// <summary>Called before the barrier seals; drop and zero cached state.</summary>
    void OnSeal();
}
