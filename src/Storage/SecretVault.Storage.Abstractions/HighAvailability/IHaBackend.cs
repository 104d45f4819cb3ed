namespace SecretVault.Storage.Abstractions.HighAvailability;

/// <summary>
/// A physical backend that several servers share and that can elect one of them active (Vault's HA backend).
/// While another server holds a valid lock, writes of this backend fail with <see cref="StorageFencedException"/>,
/// so a server that lost the lock without noticing (paused, partitioned) cannot overwrite the new active's data.
/// </summary>
public interface IHaBackend
{
    /// <summary>True when high availability is switched on in the configuration (Vault's <c>ha_enabled</c>).</summary>
    bool HaEnabled { get; }

    /// <summary>A lock named <paramref name="key"/>; while held, <paramref name="value"/> is what the others read.</summary>
    IHaLock CreateLock(string key, string value);

    /// <summary>Records that this server is alive and unsealed; every server calls it every few seconds.</summary>
    Task HeartbeatAsync(HaNode node, CancellationToken ct = default);

    /// <summary>The servers whose last heartbeat is recent, by node id.</summary>
    Task<IReadOnlyList<HaNode>> ListNodesAsync(CancellationToken ct = default);
}
