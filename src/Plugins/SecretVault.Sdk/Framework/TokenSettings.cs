namespace SecretVault.Sdk.Framework;

/// <summary>
/// The common <c>token_*</c> settings of an auth role (a userpass user, an approle role...), stored
/// inside the role's entry. Built and validated by <see cref="TokenFields.Parse"/>; read back with
/// <see cref="TokenFields.ToResponseData"/>; turned into a login result with <see cref="TokenFields.ToAuthResult"/>.
/// </summary>
public sealed record TokenSettings
{
    /// <summary>TTL of issued tokens; zero means the mount's default.</summary>
    public TimeSpan TokenTtl { get; init; }

    /// <summary>Maximum lifetime of issued tokens; zero means the mount's maximum.</summary>
    public TimeSpan TokenMaxTtl { get; init; }

    /// <summary>Policies of issued tokens: trimmed, lower-case, without duplicates, never <c>root</c>.</summary>
    public IReadOnlyList<string> TokenPolicies { get; init; } = [];

    /// <summary>CIDR blocks the issued tokens may be used from (and the login made from); empty for any.</summary>
    public IReadOnlyList<string> TokenBoundCidrs { get; init; } = [];

    /// <summary>A hard cap on the token's lifetime that survives renewals; zero for none.</summary>
    public TimeSpan TokenExplicitMaxTtl { get; init; }

    /// <summary>Do not attach the <c>default</c> policy.</summary>
    public bool TokenNoDefaultPolicy { get; init; }

    /// <summary>Use limit of issued tokens; zero for unlimited.</summary>
    public int TokenNumUses { get; init; }

    /// <summary>Period of issued (periodic) tokens; zero for none.</summary>
    public TimeSpan TokenPeriod { get; init; }

    /// <summary><c>default</c>, <c>service</c>, <c>batch</c>, <c>default-service</c> or <c>default-batch</c>.</summary>
    public string TokenType { get; init; } = "default";

    /// <summary>The deprecated <c>policies</c> was used for the last change of <see cref="TokenPolicies"/>, so reads echo it.</summary>
    public bool PoliciesAliasSet { get; init; }

    /// <summary>The deprecated <c>ttl</c> was used for the last change of <see cref="TokenTtl"/>.</summary>
    public bool TtlAliasSet { get; init; }

    /// <summary>The deprecated <c>max_ttl</c> was used for the last change of <see cref="TokenMaxTtl"/>.</summary>
    public bool MaxTtlAliasSet { get; init; }

    /// <summary>The deprecated <c>period</c> was used for the last change of <see cref="TokenPeriod"/>.</summary>
    public bool PeriodAliasSet { get; init; }

    /// <summary>The deprecated <c>bound_cidrs</c> was used for the last change of <see cref="TokenBoundCidrs"/>.</summary>
    public bool BoundCidrsAliasSet { get; init; }

    /// <inheritdoc />
    public bool Equals(TokenSettings? other) =>
        other is not null
        && TokenTtl == other.TokenTtl
        && TokenMaxTtl == other.TokenMaxTtl
        && TokenPolicies.SequenceEqual(other.TokenPolicies, StringComparer.Ordinal)
        && TokenBoundCidrs.SequenceEqual(other.TokenBoundCidrs, StringComparer.Ordinal)
        && TokenExplicitMaxTtl == other.TokenExplicitMaxTtl
        && TokenNoDefaultPolicy == other.TokenNoDefaultPolicy
        && TokenNumUses == other.TokenNumUses
        && TokenPeriod == other.TokenPeriod
        && string.Equals(TokenType, other.TokenType, StringComparison.Ordinal)
        && PoliciesAliasSet == other.PoliciesAliasSet
        && TtlAliasSet == other.TtlAliasSet
        && MaxTtlAliasSet == other.MaxTtlAliasSet
        && PeriodAliasSet == other.PeriodAliasSet
        && BoundCidrsAliasSet == other.BoundCidrsAliasSet;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(TokenTtl);
        hash.Add(TokenMaxTtl);
        foreach (var policy in TokenPolicies)
        {
            hash.Add(policy, StringComparer.Ordinal);
        }

        foreach (var cidr in TokenBoundCidrs)
        {
            hash.Add(cidr, StringComparer.Ordinal);
        }

        hash.Add(TokenExplicitMaxTtl);
        hash.Add(TokenNoDefaultPolicy);
        hash.Add(TokenNumUses);
        hash.Add(TokenPeriod);
        hash.Add(TokenType, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
