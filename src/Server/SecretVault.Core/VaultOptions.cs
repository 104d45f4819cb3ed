using SecretVault.Core.Lockout;

namespace SecretVault.Core;

/// <summary>Server-wide settings the core needs, taken from the configuration file.</summary>
public sealed record VaultOptions
{
    /// <summary>The cluster name; generated at init when not configured.</summary>
    public string? ClusterName { get; init; }

    /// <summary>The storage type reported by <c>sys/seal-status</c>.</summary>
    public string StorageType { get; init; } = "inmem";

    /// <summary>The address of this node's API, reported by <c>sys/leader</c>.</summary>
    public string ApiAddress { get; init; } = "";

    /// <summary>The system default TTL for leases and tokens.</summary>
    public TimeSpan DefaultLeaseTtl { get; init; } = TimeSpan.FromHours(768);

    /// <summary>The system maximum TTL for leases and tokens.</summary>
    public TimeSpan MaxLeaseTtl { get; init; } = TimeSpan.FromHours(768);

    /// <summary>The <c>user_lockout</c> stanzas of the server file, by name (<c>all</c> or an auth type).</summary>
    public IReadOnlyDictionary<string, UserLockoutConfig> UserLockout { get; init; } = new Dictionary<string, UserLockoutConfig>();
}
