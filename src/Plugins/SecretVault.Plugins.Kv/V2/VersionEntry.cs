using System.Text.Json;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>The stored data of one version.</summary>
public sealed record VersionEntry
{
    /// <summary>The secret: always a JSON object.</summary>
    public required JsonElement Data { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }
}
