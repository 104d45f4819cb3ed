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

    /// <summary><c>standard</c> (Vault's text lines) or <c>json</c> (one object per line).</summary>
    public string LogFormat { get; init; } = "standard";

    /// <summary>A file that gets the log lines too (<c>log_file</c>); null for the console only.</summary>
    public string? LogFile { get; init; }

    public bool Ui { get; init; }

    /// <summary>The <c>user_lockout</c> stanzas, by name: <c>all</c> or an auth type.</summary>
    public IReadOnlyDictionary<string, UserLockoutConfig> UserLockout { get; init; } = new Dictionary<string, UserLockoutConfig>();
}
