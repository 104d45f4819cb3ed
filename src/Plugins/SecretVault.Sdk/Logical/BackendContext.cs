using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SecretVault.Sdk.Logical;

/// <summary>What a backend receives when its mount is loaded (at unseal, enable, move, or a tune of its options).</summary>
public sealed record BackendContext
{
    /// <summary>The mount path, ending in '/'.</summary>
    public required string MountPoint { get; init; }

    /// <summary>The mount's options (for example KV's <c>version</c>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The clock; backends never read the system clock directly.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The backend's logger; its category names the plugin type and the mount path. Never log request data,
    /// secrets or tokens through it.
    /// </summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The mount's UUID: stable for the mount's life, across moves and restarts.</summary>
    public string MountUuid { get; init; } = "";

    /// <summary>The mount's accessor, as <c>sys/mounts</c> shows it (<c>kv_1a2b3c4d</c>).</summary>
    public string MountAccessor { get; init; } = "";

    /// <summary>
    /// The mount's effective default and maximum lease TTLs. Read them when they are needed, not once at load:
    /// they follow a later <c>sys/mounts/:path/tune</c> without a reload.
    /// </summary>
    public IMountTtls Ttls { get; init; } = FixedMountTtls.VaultDefaults;
}
