namespace SecretVault.Core.HighAvailability;

/// <summary>A server without HA: never a standby, and the leader is itself whenever it serves.</summary>
public sealed class SingleNodeHaState(VaultOptions options) : IHaState
{
    /// <inheritdoc />
    public bool Enabled => false;

    /// <inheritdoc />
    public bool IsStandby => false;

    /// <inheritdoc />
    public string NodeId { get; } = Guid.NewGuid().ToString();

    /// <inheritdoc />
    public Task<HaLeader?> GetLeaderAsync(CancellationToken ct = default) =>
        Task.FromResult<HaLeader?>(new HaLeader(true, NodeId, options.ApiAddress, ""));
}
