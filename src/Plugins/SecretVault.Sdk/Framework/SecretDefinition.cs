using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// One kind of leased secret a <see cref="FrameworkBackend"/> issues: its renew and revoke handlers.
/// The core calls them with <see cref="LogicalRequest.Lease"/> set, on the lease's path.
/// </summary>
public sealed record SecretDefinition
{
    /// <summary>The type name a handler puts in <see cref="SecretLease.Type"/>.</summary>
    public required string Type { get; init; }

    /// <summary>
    /// Renews a lease: answers a response whose <see cref="LogicalResponse.Secret"/> holds the new TTL (null keeps
    /// the requested increment). Null when leases of this type cannot be renewed.
    /// </summary>
    public SecretHandler? Renew { get; init; }

    /// <summary>Revokes what a lease stands for; must be idempotent (a revoke may be retried after a crash).</summary>
    public required SecretHandler Revoke { get; init; }
}

/// <summary>Handles the renew or revoke of one lease.</summary>
public delegate Task<LogicalResponse?> SecretHandler(LogicalRequest request, LeaseContext lease, CancellationToken ct);
