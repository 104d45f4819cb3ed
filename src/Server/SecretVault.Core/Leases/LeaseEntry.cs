using System.Text.Json.Serialization;

namespace SecretVault.Core.Leases;

/// <summary>
/// A stored lease, under <c>sys/expire/id/&lt;lease id&gt;</c>. Storage is the truth: the in-memory expiry
/// queue only says when to look again, so a stale queue entry can never revoke a renewed lease.
/// </summary>
public sealed record LeaseEntry
{
    [JsonPropertyName("lease_id")]
    public required string LeaseId { get; init; }

    /// <summary>The request path that issued the lease (the lease ID without its random suffix).</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>The salted hash of the token that owns the lease (for a token lease, the token itself).</summary>
    [JsonPropertyName("token_hash")]
    public string TokenHash { get; init; } = "";

    /// <summary>True for the lease of a token: revoking it revokes the token.</summary>
    [JsonPropertyName("token_lease")]
    public bool IsTokenLease { get; init; }

    [JsonPropertyName("secret_type")]
    public string SecretType { get; init; } = "";

    [JsonPropertyName("internal_data")]
    public IReadOnlyDictionary<string, string> InternalData { get; init; } = new Dictionary<string, string>();

    /// <summary>The TTL the lease was issued with: a renewal without an increment extends by this much.</summary>
    [JsonPropertyName("ttl")]
    public TimeSpan Ttl { get; init; }

    [JsonPropertyName("issue_time")]
    public required DateTimeOffset IssueTime { get; init; }

    [JsonPropertyName("expire_time")]
    public required DateTimeOffset ExpireTime { get; init; }

    /// <summary>The latest a renewal may push <see cref="ExpireTime"/> to.</summary>
    [JsonPropertyName("max_expire_time")]
    public required DateTimeOffset MaxExpireTime { get; init; }

    [JsonPropertyName("last_renewal_time")]
    public DateTimeOffset? LastRenewalTime { get; init; }

    [JsonPropertyName("renewable")]
    public bool Renewable { get; init; }

    /// <summary>
    /// True while the backend is issuing: the lease was reserved before the handler ran. Found so at restore,
    /// the server stopped mid-issue, and the lease is revoked at once.
    /// </summary>
    [JsonPropertyName("pending")]
    public bool Pending { get; init; }

    /// <summary>True once revocation failed every attempt; kept and listed until an operator acts.</summary>
    [JsonPropertyName("irrevocable")]
    public bool Irrevocable { get; init; }

    [JsonPropertyName("revoke_error")]
    public string? RevokeError { get; init; }

    /// <summary>The mount accessor, for per-mount counts of irrevocable leases.</summary>
    [JsonPropertyName("mount_accessor")]
    public string MountAccessor { get; init; } = "";

    /// <summary>The TTL left at <paramref name="now"/>, never negative.</summary>
    public TimeSpan TtlAt(DateTimeOffset now) => ExpireTime > now ? ExpireTime - now : TimeSpan.Zero;
}
