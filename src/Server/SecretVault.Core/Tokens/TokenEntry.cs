using System.Text.Json.Serialization;

namespace SecretVault.Core.Tokens;

/// <summary>A stored token. The token itself is never stored: the entry sits under a salted hash of it.</summary>
public sealed record TokenEntry
{
    [JsonPropertyName("accessor")]
    public required string Accessor { get; init; }

    [JsonPropertyName("policies")]
    public required IReadOnlyList<string> Policies { get; init; }

    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("display_name")]
    public required string DisplayName { get; init; }

    [JsonPropertyName("creation_time")]
    public required long CreationTime { get; init; }

    /// <summary>Seconds; 0 means the token never expires (root tokens).</summary>
    [JsonPropertyName("ttl")]
    public long Ttl { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "service";

    /// <summary>True for a token holding the <c>root</c> policy.</summary>
    [JsonIgnore]
    public bool IsRoot => Policies.Contains("root");

    /// <summary>True when the token has a TTL that has run out at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => Ttl > 0 && now.ToUnixTimeSeconds() >= CreationTime + Ttl;
}
