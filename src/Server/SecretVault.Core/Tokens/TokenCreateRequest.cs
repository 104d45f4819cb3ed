namespace SecretVault.Core.Tokens;

/// <summary>Everything needed to mint a token, already validated and resolved against limits.</summary>
public sealed record TokenCreateRequest
{
    public string? Id { get; init; }

    public required IReadOnlyList<string> Policies { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public required string Path { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The parent's hash; null for an orphan.</summary>
    public string? ParentHash { get; init; }

    public TimeSpan Ttl { get; init; }

    /// <summary>The cap of renewals from creation (mount or system max, or explicit max); zero for none.</summary>
    public TimeSpan MaxTtl { get; init; }

    public TimeSpan ExplicitMaxTtl { get; init; }

    public TimeSpan Period { get; init; }

    public long NumUses { get; init; }

    public bool Renewable { get; init; } = true;

    public string Type { get; init; } = "service";

    public string? Role { get; init; }

    public IReadOnlyList<string> BoundCidrs { get; init; } = [];
}
