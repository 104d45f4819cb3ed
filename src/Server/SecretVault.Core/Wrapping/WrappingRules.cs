using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Wrapping;

/// <summary>A policy's <c>min_wrapping_ttl</c> and <c>max_wrapping_ttl</c> on the requested path.</summary>
public static class WrappingRules
{
    /// <summary>
    /// Throws 403 when the request's wrap TTL (or its absence) breaks the bounds of the winning rule. As in Vault,
    /// either bound makes wrapping mandatory: a path that caps how long a wrapped answer may live must never answer
    /// in plain. Bounds that merged into an empty range (max below min) deny everything.
    /// </summary>
    public static void Check(AclResult acl, TimeSpan? wrapTtl)
    {
        if (acl.MinWrappingTtl == TimeSpan.Zero && acl.MaxWrappingTtl == TimeSpan.Zero)
        {
            return;
        }

        var allowed = wrapTtl is { } ttl
            && (acl.MinWrappingTtl == TimeSpan.Zero || ttl >= acl.MinWrappingTtl)
            && (acl.MaxWrappingTtl == TimeSpan.Zero || ttl <= acl.MaxWrappingTtl)
            && (acl.MinWrappingTtl == TimeSpan.Zero || acl.MaxWrappingTtl == TimeSpan.Zero || acl.MinWrappingTtl <= acl.MaxWrappingTtl);
        if (!allowed)
        {
            throw LogicalException.PermissionDenied();
        }
    }
}
