namespace SecretVault.Core.Barrier;

/// <summary>
/// When the barrier adds a key term on its own (<c>sys/rotate/config</c>), kept in the keyring: after
/// <see cref="MaxOperations"/> encryptions under the active term, or once it is older than <see cref="Interval"/>.
/// The NIST bound (<see cref="BarrierOptions.MaxEncryptionsPerTerm"/>) applies whatever this says, even disabled.
/// </summary>
public sealed record KeyRotationConfig
{
    /// <summary>Vault's bounds: at least a million, at most 0.9 × 2^32.</summary>
    public const long MinimumOperations = 1_000_000;

    public const long MaximumOperations = 3_865_470_566;

    /// <summary>The shortest interval Vault accepts.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromHours(24);

    public long MaxOperations { get; init; } = MaximumOperations;

    /// <summary>Zero: no time-based rotation.</summary>
    public TimeSpan Interval { get; init; }

    public bool Enabled { get; init; } = true;
}
