using System.Text.Json.Serialization;

namespace SecretVault.Core.Tokens;

/// <summary>A stored token. The token itself is never stored: the entry sits under a salted hash of it.</summary>
public sealed record TokenEntry
{
    /// <summary>The salted hash the entry is stored under (not secret: it cannot be turned back into the token).</summary>
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    [JsonPropertyName("accessor")]
    public required string Accessor { get; init; }

    [JsonPropertyName("policies")]
    public required IReadOnlyList<string> Policies { get; init; }

    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("display_name")]
    public required string DisplayName { get; init; }

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("creation_time")]
    public required long CreationTime { get; init; }

    /// <summary>The TTL the token was created with, in seconds; 0 means it never expires.</summary>
    [JsonPropertyName("ttl")]
    public long Ttl { get; init; }

    /// <summary>When the token expires, unix seconds; 0 for never.</summary>
    [JsonPropertyName("expire_time")]
    public long ExpireTime { get; init; }

    /// <summary>The latest a renewal may push <see cref="ExpireTime"/> to, unix seconds; 0 for no cap.</summary>
    [JsonPropertyName("max_expire_time")]
    public long MaxExpireTime { get; init; }

    [JsonPropertyName("explicit_max_ttl")]
    public long ExplicitMaxTtl { get; init; }

    [JsonPropertyName("period")]
    public long Period { get; init; }

    [JsonPropertyName("num_uses")]
    public long NumUses { get; init; }

    [JsonPropertyName("renewable")]
    public bool Renewable { get; init; }

    [JsonPropertyName("orphan")]
    public bool Orphan { get; init; }

    /// <summary>The hash of the parent token, if any.</summary>
    [JsonPropertyName("parent")]
    public string? Parent { get; init; }

    [JsonPropertyName("meta")]
    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    [JsonPropertyName("role")]
    public string? Role { get; init; }

    [JsonPropertyName("bound_cidrs")]
    public IReadOnlyList<string> BoundCidrs { get; init; } = [];

    [JsonPropertyName("last_renewal_time")]
    public long LastRenewalTime { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "service";

    /// <summary>The <see cref="NumUses"/> of a token whose last use is in flight: it is revoked when that request ends.</summary>
    public const long LastUse = -1;

    /// <summary>True for a token holding the <c>root</c> policy.</summary>
    [JsonIgnore]
    public bool IsRoot => Policies.Contains("root");

    /// <summary>True for a batch token.</summary>
    [JsonIgnore]
    public bool IsBatch => Type == "batch";

    /// <summary>
    /// True when the token has run out at <paramref name="now"/>: its TTL, or its explicit max counted from
    /// creation, checked on every use so that no stored expiry (or lack of one) can outlive the explicit max.
    /// </summary>
    public bool IsExpired(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        return (ExpireTime > 0 && seconds >= ExpireTime) || (ExplicitMaxTtl > 0 && seconds >= CreationTime + ExplicitMaxTtl);
    }

    public bool Equals(TokenEntry? other) => other is not null && Hash == other.Hash && Accessor == other.Accessor && ExpireTime == other.ExpireTime && NumUses == other.NumUses;

    public override int GetHashCode() => HashCode.Combine(Hash, Accessor);
}
