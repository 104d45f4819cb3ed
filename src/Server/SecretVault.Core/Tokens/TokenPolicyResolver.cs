using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tokens;

/// <summary>
/// The policies of a token made by <c>auth/token/create*</c>, by Vault's rules. A role that lists allowed or
/// disallowed policies (or globs) decides by its lists alone: that is how an operator lets a caller hand out
/// policies it does not hold. Without such a role the new token's policies must be a subset of the caller's,
/// unless the caller has sudo on the path it called. No rule ever yields a policy the core keeps for itself.
/// </summary>
public static class TokenPolicyResolver
{
    /// <param name="requested">The <c>policies</c> parameter; empty when absent (Vault treats both alike).</param>
    /// <param name="noDefaultPolicy">The <c>no_default_policy</c> parameter.</param>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> requested, TokenEntry caller, TokenRoleEntry? role, bool sudo, bool noDefaultPolicy)
    {
        var asked = Sanitize(requested);
        var policies = role is not null && HasPolicyLists(role)
            ? ByRole(asked, caller, role, noDefaultPolicy)
            : ByCaller(asked, caller, role, sudo, noDefaultPolicy || role?.TokenNoDefaultPolicy == true);
        if (noDefaultPolicy)
        {
            policies.Remove(PolicyNames.Default);
        }

        RefuseUnassignable(policies);
        return policies;
    }

    /// <summary>Refuses (400, in Vault's words) a policy that no token may be given, whoever asks.</summary>
    public static void RefuseUnassignable(IEnumerable<string> policies)
    {
        if (policies.FirstOrDefault(p => !PolicyNames.IsAssignable(p)) is { } reserved)
        {
            throw LogicalException.BadRequest($"cannot assign policy \"{PolicyNames.Normalize(reserved)}\"");
        }
    }

    private static bool HasPolicyLists(TokenRoleEntry role) =>
        role.AllowedPolicies.Count > 0 || role.DisallowedPolicies.Count > 0 || role.AllowedPoliciesGlob.Count > 0 || role.DisallowedPoliciesGlob.Count > 0;

    private static List<string> ByCaller(List<string> asked, TokenEntry caller, TokenRoleEntry? role, bool sudo, bool noDefault)
    {
        var held = Held(caller, role);
        if (asked.Count > 0 && !sudo && asked.Except(held).Any())
        {
            throw LogicalException.BadRequest("child policies must be subset of parent");
        }

        var policies = asked.Count > 0 ? asked : held;
        if (!noDefault && (sudo || held.Contains(PolicyNames.Default)))
        {
            AddDefault(policies);
        }

        return policies;
    }

    private static List<string> ByRole(List<string> asked, TokenEntry caller, TokenRoleEntry role, bool noDefault)
    {
        var allowed = Sanitize(role.AllowedPolicies);
        var allowedGlobs = Sanitize(role.AllowedPoliciesGlob);
        var onlyDisallows = allowed.Count == 0 && allowedGlobs.Count == 0;

        // Nothing asked: the role's allowed policies (its globs name none to give), or with disallowed lists only, the caller's.
        var policies = asked.Count > 0 ? asked : onlyDisallows ? Held(caller, role) : [.. allowed];
        if (!noDefault && !role.TokenNoDefaultPolicy && !Disallows(role, PolicyNames.Default))
        {
            AddDefault(policies);
            AddDefault(allowed);
        }

        if (!onlyDisallows && policies.Any(p => !allowed.Contains(p) && !allowedGlobs.Any(g => PolicyGlob.IsMatch(g, p))))
        {
            throw LogicalException.BadRequest($"token policies ({Quote(policies)}) must be subset of the role's allowed policies ({Quote(allowed)}) or glob policies ({Quote(allowedGlobs)})");
        }

        if (policies.FirstOrDefault(p => Disallows(role, p)) is { } refused)
        {
            throw LogicalException.BadRequest($"token policy \"{refused}\" is disallowed by this role");
        }

        return policies;
    }

    // The caller's policies to pass on; a role never passes on its caller's root, only an explicit request by a root caller makes root.
    private static List<string> Held(TokenEntry caller, TokenRoleEntry? role) =>
        Sanitize(caller.Policies.Where(p => role is null || p != PolicyNames.Root));

    private static bool Disallows(TokenRoleEntry role, string policy) =>
        role.DisallowedPolicies.Any(d => PolicyNames.Normalize(d) == policy) || role.DisallowedPoliciesGlob.Any(g => PolicyGlob.IsMatch(PolicyNames.Normalize(g), policy));

    // Trimmed, lower-cased, without empties or repeats; root stands alone, as in Vault.
    private static List<string> Sanitize(IEnumerable<string> names)
    {
        var result = names.Select(PolicyNames.Normalize).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return result.Contains(PolicyNames.Root) ? [PolicyNames.Root] : result;
    }

    private static void AddDefault(List<string> policies)
    {
        if (!policies.Contains(PolicyNames.Default) && !policies.Contains(PolicyNames.Root))
        {
            policies.Add(PolicyNames.Default);
        }
    }

    // Go's %q of a string slice, as Vault's message shows the lists.
    private static string Quote(IEnumerable<string> names) => "[" + string.Join(' ', names.Select(n => $"\"{n}\"")) + "]";
}
