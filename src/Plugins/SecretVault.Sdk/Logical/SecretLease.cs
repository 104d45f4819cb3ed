namespace SecretVault.Sdk.Logical;

/// <summary>
/// A secret a backend hands out under a lease (database credentials, a certificate). The backend names
/// the secret's type, which selects its renew and revoke handlers, and keeps in <see cref="InternalData"/>
/// what it needs to revoke it later (never shown to clients).
/// </summary>
public sealed record SecretLease
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>The secret type (for example <c>creds</c>), matched against the backend's secret definitions.</summary>
    public required string Type { get; init; }

    /// <summary>The lease TTL; zero means the mount's (or system's) default. The core caps it at the maximum.</summary>
    public TimeSpan Ttl { get; init; }

    /// <summary>The lease's max TTL measured from issue; zero means the mount's (or system's) maximum.</summary>
    public TimeSpan MaxTtl { get; init; }

    /// <summary>Whether the lease can be renewed.</summary>
    public bool Renewable { get; init; } = true;

    /// <summary>Backend-private data kept with the lease, handed back on renew and revoke.</summary>
    public IReadOnlyDictionary<string, string> InternalData { get; init; } = Empty;
}
