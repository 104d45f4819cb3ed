using System.Text.Json.Serialization;

namespace SecretVault.Core.Lockout;

/// <summary>
/// User lockout settings as an operator gives them: a <c>user_lockout</c> stanza of the server file (for
/// <c>all</c> auth methods or one type), or an auth mount's <c>user_lockout_config</c>. A null value is not set
/// and falls back to the next level: mount, then the type's stanza, then <c>all</c>, then Vault's defaults.
/// </summary>
public sealed record UserLockoutConfig
{
    /// <summary>The stanza name that applies to every auth type.</summary>
    public const string AllTypes = "all";

    /// <summary>The auth types Vault's user lockout covers (and the stanza names it accepts besides <c>all</c>).</summary>
    public static readonly IReadOnlyList<string> AuthTypes = ["userpass", "approle", "ldap"];

    /// <summary>Failed logins after which the alias is locked.</summary>
    [JsonPropertyName("lockout_threshold")]
    public int? Threshold { get; init; }

    /// <summary>How long a lock lasts.</summary>
    [JsonPropertyName("lockout_duration")]
    public TimeSpan? Duration { get; init; }

    /// <summary>How long after the last failure the failure count starts again from zero.</summary>
    [JsonPropertyName("lockout_counter_reset")]
    public TimeSpan? CounterReset { get; init; }

    /// <summary>True turns lockout off; false turns it on where a lower level turned it off.</summary>
    [JsonPropertyName("disable_lockout")]
    public bool? Disable { get; init; }

    /// <summary>These values where set, <paramref name="fallback"/>'s elsewhere.</summary>
    public UserLockoutConfig Over(UserLockoutConfig? fallback) => fallback is null
        ? this
        : new UserLockoutConfig
        {
            Threshold = Threshold ?? fallback.Threshold,
            Duration = Duration ?? fallback.Duration,
            CounterReset = CounterReset ?? fallback.CounterReset,
            Disable = Disable ?? fallback.Disable,
        };
}
