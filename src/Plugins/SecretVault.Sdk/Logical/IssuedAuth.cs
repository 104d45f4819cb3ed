namespace SecretVault.Sdk.Logical;

/// <summary>The envelope's <c>auth</c> block: a token the core has just minted or renewed.</summary>
public sealed record IssuedAuth
{
    /// <summary>The token; empty when it must not be shown (renew-accessor).</summary>
    public required string ClientToken { get; init; }

    public required string Accessor { get; init; }

    /// <summary>Token plus identity policies, sorted and deduplicated.</summary>
    public required IReadOnlyList<string> Policies { get; init; }

    public required IReadOnlyList<string> TokenPolicies { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>TTL in seconds.</summary>
    public long LeaseDuration { get; init; }

    public bool Renewable { get; init; }

    public string EntityId { get; init; } = "";

    /// <summary><c>service</c> or <c>batch</c>.</summary>
    public string TokenType { get; init; } = "service";

    public bool Orphan { get; init; }

    public long NumUses { get; init; }
}
