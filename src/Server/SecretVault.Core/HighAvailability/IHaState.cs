namespace SecretVault.Core.HighAvailability;

/// <summary>
/// This server's place in an HA cluster, as the HTTP edge (forwarding), <c>sys/health</c>, <c>sys/leader</c> and
/// <c>sys/seal-status</c> need it.
/// </summary>
public interface IHaState
{
    /// <summary>True when the storage supports HA and the configuration enables it.</summary>
    bool Enabled { get; }

    /// <summary>True when this server is unsealed but another one is active: requests must go to the active one.</summary>
    bool IsStandby { get; }

    /// <summary>This server's node id, as listed by <c>sys/ha-status</c>.</summary>
    string NodeId { get; }

    /// <summary>The active server as it advertises itself in the lock, or null when none is known.</summary>
    Task<HaLeader?> GetLeaderAsync(CancellationToken ct = default);
}
