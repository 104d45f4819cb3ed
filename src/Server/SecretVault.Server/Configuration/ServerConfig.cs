using SecretVault.Core.Lockout;

namespace SecretVault.Server.Configuration;

/// <summary>The server's configuration file, shaped as Vault's HCL configuration read as YAML.</summary>
public sealed record ServerConfig
{
    public required StorageConfig Storage { get; init; }

    /// <summary>The first listener; its request limits apply to every listener.</summary>
    public required ListenerConfig Listener { get; init; }

    /// <summary>Listeners after the first (Vault's several <c>listener</c> blocks).</summary>
    public IReadOnlyList<ListenerConfig> AdditionalListeners { get; init; } = [];

    /// <summary>Every listener, the first one first.</summary>
    public IEnumerable<ListenerConfig> Listeners => [Listener, .. AdditionalListeners];

    public string ClusterAddr { get; init; } = "";

    /// <summary>Accepted for Vault's files; the server never locks memory (keys live in pinned, zeroed buffers).</summary>
    public bool DisableMlock { get; init; }

    /// <summary>The <c>telemetry</c> block as written, secrets left out.</summary>
    public IReadOnlyDictionary<string, object?>? Telemetry { get; init; }

    /// <summary>Keys set in the file that Vault knows but that have no effect here yet, for the start-up warning.</summary>
    public IReadOnlyList<string> KeysWithoutEffect { get; init; } = [];

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
