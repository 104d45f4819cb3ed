using System.Text.Json.Serialization;
using SecretVault.Core.Lockout;

namespace SecretVault.Core.Mounts;

/// <summary>A mount's tunables, as <c>sys/mounts</c> and <c>sys/auth</c> accept them. TTLs in seconds; 0 means the system value.</summary>
public sealed record MountConfigEntry
{
    [JsonPropertyName("default_lease_ttl")]
    public long DefaultLeaseTtl { get; init; }

    [JsonPropertyName("max_lease_ttl")]
    public long MaxLeaseTtl { get; init; }

    [JsonPropertyName("force_no_cache")]
    public bool ForceNoCache { get; init; }

    [JsonPropertyName("audit_non_hmac_request_keys")]
    public IReadOnlyList<string> AuditNonHmacRequestKeys { get; init; } = [];

    [JsonPropertyName("audit_non_hmac_response_keys")]
    public IReadOnlyList<string> AuditNonHmacResponseKeys { get; init; } = [];

    [JsonPropertyName("listing_visibility")]
    public string ListingVisibility { get; init; } = "";

    [JsonPropertyName("passthrough_request_headers")]
    public IReadOnlyList<string> PassthroughRequestHeaders { get; init; } = [];

    [JsonPropertyName("allowed_response_headers")]
    public IReadOnlyList<string> AllowedResponseHeaders { get; init; } = [];

    /// <summary>Auth mounts only: default-service, default-batch, service or batch.</summary>
    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    /// <summary>Auth mounts only: the mount's own user lockout settings (<c>user_lockout_config</c>); null when never tuned.</summary>
    [JsonPropertyName("user_lockout_config")]
    public UserLockoutConfig? UserLockout { get; init; }

    public bool Equals(MountConfigEntry? other) =>
        other is not null
        && DefaultLeaseTtl == other.DefaultLeaseTtl
        && MaxLeaseTtl == other.MaxLeaseTtl
        && ForceNoCache == other.ForceNoCache
        && AuditNonHmacRequestKeys.SequenceEqual(other.AuditNonHmacRequestKeys)
        && AuditNonHmacResponseKeys.SequenceEqual(other.AuditNonHmacResponseKeys)
        && ListingVisibility == other.ListingVisibility
        && PassthroughRequestHeaders.SequenceEqual(other.PassthroughRequestHeaders)
        && AllowedResponseHeaders.SequenceEqual(other.AllowedResponseHeaders)
        && TokenType == other.TokenType
        && Equals(UserLockout, other.UserLockout);

    public override int GetHashCode() => HashCode.Combine(DefaultLeaseTtl, MaxLeaseTtl, ListingVisibility, TokenType);
}
