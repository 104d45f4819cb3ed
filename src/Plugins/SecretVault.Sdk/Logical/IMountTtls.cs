namespace SecretVault.Sdk.Logical;

/// <summary>
/// A read-only view of a mount's lease TTLs: the mount's tuned values where set, else the server's. Each read gives the
/// values as they stand now.
/// </summary>
public interface IMountTtls
{
    /// <summary>The TTL given when a request names none.</summary>
    TimeSpan DefaultLeaseTtl { get; }

    /// <summary>The longest TTL anything issued on the mount may have.</summary>
    TimeSpan MaxLeaseTtl { get; }
}
