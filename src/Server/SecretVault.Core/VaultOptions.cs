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

    /// <summary>
    /// OpenBao's <c>disable_unauthed_generate_root_endpoints</c>: true (the default) makes <c>sys/generate-root/*</c>
    /// need a token with <c>sudo</c>; false opens attempt and update without a token, as Vault does, for break-glass.
    /// </summary>
    public bool DisableUnauthedGenerateRoot { get; init; } = true;

    /// <summary>OpenBao's <c>disable_unauthed_rekey_endpoints</c>: false opens <c>sys/rekey/{init,update,verify}</c> without a token.</summary>
    public bool DisableUnauthedRekey { get; init; } = true;

    /// <summary>The configuration as <c>sys/config/state/sanitized</c> answers it: no storage settings, no secrets.</summary>
    public IReadOnlyDictionary<string, object?> SanitizedConfig { get; init; } = new Dictionary<string, object?>();
}
