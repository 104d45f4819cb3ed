namespace SecretVault.Sdk.Logical;

/// <summary>
/// What a successful login hands the core. The auth method decides who the caller is and which
/// token settings apply; the core mints the token, applies mount and system limits, and answers
/// Vault's <c>auth</c> block. A backend never returns an AuthResult together with an error.
/// </summary>
public sealed record AuthResult
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>Policies of the token (token_policies); <c>default</c> is added by the core unless <see cref="NoDefaultPolicy"/>.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    /// <summary>Metadata shown in <c>auth.metadata</c> and token lookups (for example <c>username</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = Empty;

    /// <summary>The display name; the core prefixes the mount's name, as Vault (<c>userpass-alice</c>).</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>Token TTL; zero means the mount's (or system's) default.</summary>
    public TimeSpan Ttl { get; init; }

    /// <summary>Token max TTL; zero means the mount's (or system's) maximum.</summary>
    public TimeSpan MaxTtl { get; init; }

    /// <summary>A hard cap that survives renewals; zero for none.</summary>
    public TimeSpan ExplicitMaxTtl { get; init; }

    /// <summary>Periodic token period; zero for none.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>Use limit; zero for unlimited.</summary>
    public int NumUses { get; init; }

    /// <summary>Whether the token can be renewed.</summary>
    public bool Renewable { get; init; } = true;

    /// <summary>Do not attach the <c>default</c> policy.</summary>
    public bool NoDefaultPolicy { get; init; }

    /// <summary>CIDRs the token may be used from; empty for any.</summary>
    public IReadOnlyList<string> BoundCidrs { get; init; } = [];

    /// <summary><c>default</c>, <c>service</c> or <c>batch</c> (also <c>default-service</c>, <c>default-batch</c>).</summary>
    public string TokenType { get; init; } = "default";

    /// <summary>The identity alias name (username, role_id), used for lease paths and the entity.</summary>
    public string AliasName { get; init; } = "";

    /// <summary>Backend-private data kept with the token (never shown to clients), for renewals.</summary>
    public IReadOnlyDictionary<string, string> InternalData { get; init; } = Empty;
}
