namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// A stored secret ID, at <c>secret_id/&lt;role id&gt;/&lt;HMAC of the secret ID&gt;</c>. The secret itself is
/// never stored; only its keyed hash names the entry.
/// </summary>
internal sealed record SecretIdEntry
{
    /// <summary>The internal <see cref="RoleEntry.Id"/> of the owning role.</summary>
    public required string RoleId { get; init; }

    /// <summary>Hex HMAC-SHA256 of the secret ID under the role's key (also the entry's key).</summary>
    public required string SecretIdHmac { get; init; }

    public required string Accessor { get; init; }

    /// <summary>Remaining uses; zero for unlimited.</summary>
    public int NumUses { get; init; }

    /// <summary>The lifetime given at creation; zero for none.</summary>
    public TimeSpan Ttl { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    /// <summary>When the secret ID stops working; null for never.</summary>
    public DateTimeOffset? ExpirationTime { get; init; }

    public DateTimeOffset LastUpdatedTime { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> CidrList { get; init; } = [];

    public IReadOnlyList<string> TokenBoundCidrs { get; init; } = [];

    public bool IsExpired(DateTimeOffset now) => ExpirationTime is { } expiry && now >= expiry;

    public bool Equals(SecretIdEntry? other) =>
        other is not null
        && RoleId == other.RoleId && SecretIdHmac == other.SecretIdHmac && Accessor == other.Accessor
        && NumUses == other.NumUses && Ttl == other.Ttl && CreationTime == other.CreationTime
        && ExpirationTime == other.ExpirationTime && LastUpdatedTime == other.LastUpdatedTime
        && Metadata.Count == other.Metadata.Count && Metadata.All(p => other.Metadata.TryGetValue(p.Key, out var v) && v == p.Value)
        && CidrList.SequenceEqual(other.CidrList, StringComparer.Ordinal)
        && TokenBoundCidrs.SequenceEqual(other.TokenBoundCidrs, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(RoleId, SecretIdHmac, Accessor, NumUses);
}
