namespace SecretVault.Core.Barrier;

/// <summary>Limits of the barrier's key use.</summary>
public sealed record BarrierOptions
{
    /// <summary>
    /// Encryptions per key term before an automatic rotation: 0.9 × 2^32, 10% shy of NIST SP 800-38D's
    /// limit for random 96-bit nonces under one key (the figure Vault and OpenBao use).
    /// </summary>
    public long MaxEncryptionsPerTerm { get; init; } = 3_865_470_566;

    /// <summary>
    /// How many encryptions are reserved in the stored keyring at a time. The count persisted is always
    /// ahead of the true count, so a crash can only over-count, never reuse the budget.
    /// </summary>
    public long CounterReserveBlock { get; init; } = 100_000;
}
