namespace SecretVault.Sdk.Logical;

/// <summary>What a backend receives when its mount is created.</summary>
public sealed record BackendContext
{
    /// <summary>The mount path, ending in '/'.</summary>
    public required string MountPoint { get; init; }

    /// <summary>The mount's options (for example KV's <c>version</c>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The clock; backends never read the system clock directly.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
