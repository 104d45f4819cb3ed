using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Core.Wrapping;

/// <summary>A policy's <c>min_wrapping_ttl</c> and <c>max_wrapping_ttl</c> on the requested path.</summary>
public static class WrappingRules
{
    /// <summary>Throws 400 when the request's wrap TTL (or its absence) breaks the bounds of the winning rule.</summary>
    public static void Check(AclResult acl, TimeSpan? wrapTtl)
    {
        if (acl.MinWrappingTtl > TimeSpan.Zero && wrapTtl is null)
        {
            throw LogicalException.BadRequest("policy requires response wrapping on this path: send X-Vault-Wrap-TTL");
        }

        if (wrapTtl is not { } ttl)
        {
            return;
        }

        if (acl.MinWrappingTtl > TimeSpan.Zero && ttl < acl.MinWrappingTtl)
        {
            throw LogicalException.BadRequest($"wrapping TTL is lower than the minimum allowed by policy ({Durations.Format(acl.MinWrappingTtl)})");
        }

        if (acl.MaxWrappingTtl > TimeSpan.Zero && ttl > acl.MaxWrappingTtl)
        {
            throw LogicalException.BadRequest($"wrapping TTL is greater than the maximum allowed by policy ({Durations.Format(acl.MaxWrappingTtl)})");
        }
    }
}
