using SecretVault.Core.Policies;

namespace SecretVault.Core.System;

/// <summary>
/// The path an ACL policy request really acts on. The policy store trims and lower-cases names, so
/// <c>PUT sys/policy/TGT</c> writes <c>tgt</c>: authorized on its raw path alone, a rule on <c>sys/policy/p*</c> would
/// overwrite a policy the caller is denied on <c>sys/policy/tgt</c>. The core authorizes both paths: names in any
/// case keep working (as in Vault) for whoever may act on the stored name.
/// </summary>
public static class PolicyNamePaths
{
    private static readonly string[] Prefixes = ["sys/policy/", "sys/policies/acl/"];

    /// <summary>The path with its policy name normalized, or null when <paramref name="path"/> names no policy or is already normal.</summary>
    public static string? NormalizedAlias(string path)
    {
        foreach (var prefix in Prefixes)
        {
            if (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal))
            {
                var normalized = prefix + PolicyNames.Normalize(path[prefix.Length..]);
                return normalized == path ? null : normalized;
            }
        }

        return null;
    }
}
