using SecretVault.Core.Lockout;

namespace SecretVault.Server.Configuration;

/// <summary>The server's configuration file, shaped as Vault's HCL configuration read as YAML.</summary>
public sealed record ServerConfig
{
    public required StorageConfig Storage { get; init; }

    public required ListenerConfig Listener { get; init; }

    public string ApiAddr { get; init; } = "";

    public string? ClusterName { get; init; }

    public TimeSpan DefaultLeaseTtl { get; init; } = TimeSpan.FromHours(768);

    public TimeSpan MaxLeaseTtl { get; init; } = TimeSpan.FromHours(768);

    public string LogLevel { get; init; } = "info";

    public bool Ui { get; init; }

    /// <summary>The <c>user_lockout</c> stanzas, by name: <c>all</c> or an auth type.</summary>
    public IReadOnlyDictionary<string, UserLockoutConfig> UserLockout { get; init; } = new Dictionary<string, UserLockoutConfig>();
}
