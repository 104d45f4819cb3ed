namespace SecretVault.Core.Leases;

/// <summary>How the expiration manager schedules and retries revocations.</summary>
public sealed record ExpirationOptions
{
    /// <summary>The longest the scheduler sleeps before looking at the queue again.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Revocations that run at once; more due leases wait, so a mass expiry cannot starve requests.</summary>
    public int MaxConcurrentRevocations { get; init; } = 8;

    /// <summary>Failed revocations of one lease before it is marked irrevocable (Vault: 6).</summary>
    public int MaxRevokeAttempts { get; init; } = 6;

    /// <summary>The wait before the first retry; doubled on each failure, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between retries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Leases loaded per batch during restore.</summary>
    public int RestoreBatchSize { get; init; } = 1024;
}
