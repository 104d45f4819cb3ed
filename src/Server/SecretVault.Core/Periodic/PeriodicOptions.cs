namespace SecretVault.Core.Periodic;

/// <summary>How often every mounted backend's <c>PeriodicAsync</c> runs (Vault's rollback tick is a minute).</summary>
public sealed record PeriodicOptions
{
    /// <summary>The time between two rounds.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);
}
