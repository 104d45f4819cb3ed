using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Policies;

/// <summary>
/// The compiled rules of a set of policies, evaluated as Vault does: the root policy allows all; an
/// exact rule wins, else the single highest-priority pattern; rules with the same pattern across
/// policies are merged (deny anywhere denies); nothing matching means denied. Immutable once built.
/// </summary>
public sealed class Acl
{
    private readonly bool _root;
    private readonly Dictionary<string, PathRule> _exact = new(StringComparer.Ordinal);
    private readonly List<(PathPattern Pattern, PathRule Rule)> _patterns = [];

    public Acl(IEnumerable<Policy> policies)
    {
        var merged = new Dictionary<string, PathRule>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (policy.Name == PolicyNames.Root)
            {
                _root = true;
                continue;
            }

            foreach (var rule in policy.Rules)
            {
                merged[rule.Pattern] = merged.TryGetValue(rule.Pattern, out var existing) ? Merge(existing, rule) : rule;
            }
        }

        foreach (var (text, rule) in merged)
        {
            var pattern = new PathPattern(text);
            if (pattern.IsExact)
            {
                _exact[text] = rule;
            }
            else
            {
                _patterns.Add((pattern, rule));
            }
        }
    }

    /// <summary>Whether the policies include <c>root</c>.</summary>
    public bool IsRoot => _root;

    /// <summary>Decides one request on the full <paramref name="path"/>.</summary>
    public AclResult Evaluate(string path, Operation operation, IReadOnlyDictionary<string, JsonElement>? data, bool isRootPath)
    {
        if (_root)
        {
            return new AclResult(true, Capability.None, true);
        }

        var rule = Find(path, operation == Operation.List);
        if (rule is null || rule.Capabilities.HasFlag(Capability.Deny))
        {
            return AclResult.Denied;
        }

        var needed = operation switch
        {
            Operation.Read or Operation.Header => Capability.Read,
            Operation.Create => Capability.Create,
            Operation.Update => Capability.Update,
            Operation.Patch => Capability.Patch,
            Operation.Delete => Capability.Delete,
            Operation.List => Capability.List,
            _ => Capability.None,
        };
        var granted = needed == Capability.None ? rule.Capabilities != Capability.None : rule.Capabilities.HasFlag(needed);
        if (!granted || (isRootPath && !rule.Capabilities.HasFlag(Capability.Sudo)))
        {
            return AclResult.Denied;
        }

        // Reads too, as in Vault: a GET's query parameters (?version=1) select what is answered.
        if (operation is Operation.Read or Operation.Create or Operation.Update or Operation.Patch && data is not null && !ParameterRules.Permit(rule, data))
        {
            return AclResult.Denied;
        }

        return new AclResult(true, rule.Capabilities, false) { MinWrappingTtl = rule.MinWrappingTtl, MaxWrappingTtl = rule.MaxWrappingTtl };
    }

    /// <summary>The capabilities on <paramref name="path"/>, matched as a LIST is (for <c>sys/capabilities</c>).</summary>
    public IReadOnlyList<string> CapabilityNamesOn(string path)
    {
        if (_root)
        {
            return ["root"];
        }

        var rule = Find(path, list: true);
        return CapabilityNames.Names(rule?.Capabilities ?? Capability.None);
    }

    /// <summary>
    /// Whether any rule grants something (not deny) on some path under <paramref name="mountPath"/>:
    /// what <c>sys/internal/ui/mounts</c> asks before it shows a mount, as in Vault.
    /// </summary>
    public bool HasAccessUnder(string mountPath)
    {
        if (_root)
        {
            return true;
        }

        return _exact.Where(r => Grants(r.Value)).Any(r => CouldReachUnder(r.Key, mountPath))
            || _patterns.Where(p => Grants(p.Rule)).Any(p => CouldReachUnder(p.Pattern.Text, mountPath));
    }

    private static bool Grants(PathRule rule) => rule.Capabilities != Capability.None && !rule.Capabilities.HasFlag(Capability.Deny);

    // Whether the rule text (with '+' segments and a trailing '*') matches at least one path that starts with the mount path.
    private static bool CouldReachUnder(string rule, string mountPath)
    {
        var glob = rule.EndsWith('*');
        var pattern = glob ? rule[..^1] : rule;
        int i = 0, j = 0;
        while (i < pattern.Length && j < mountPath.Length)
        {
            var wholeSegmentPlus = pattern[i] == '+' && (i == 0 || pattern[i - 1] == '/') && (i + 1 == pattern.Length || pattern[i + 1] == '/');
            if (wholeSegmentPlus)
            {
                while (j < mountPath.Length && mountPath[j] != '/')
                {
                    j++;
                }

                i++;
                continue;
            }

            if (pattern[i] != mountPath[j])
            {
                return false;
            }

            i++;
            j++;
        }

        return j == mountPath.Length || glob;
    }

    private PathRule? Find(string path, bool list)
    {
        if (_exact.TryGetValue(path, out var exact) || (list && _exact.TryGetValue(path.TrimEnd('/'), out exact)))
        {
            return exact;
        }

        (PathPattern Pattern, PathRule Rule)? best = null;
        foreach (var candidate in _patterns)
        {
            if (candidate.Pattern.Matches(path) && (best is null || candidate.Pattern.OutranksOrEquals(best.Value.Pattern)))
            {
                best = candidate;
            }
        }

        return best?.Rule;
    }

    private static PathRule Merge(PathRule a, PathRule b)
    {
        var capabilities = a.Capabilities | b.Capabilities;
        return a with
        {
            Capabilities = capabilities.HasFlag(Capability.Deny) ? Capability.Deny : capabilities,
            AllowedParameters = ParameterRules.Merge(a.AllowedParameters, b.AllowedParameters),
            DeniedParameters = ParameterRules.Merge(a.DeniedParameters, b.DeniedParameters),
            RequiredParameters = [.. a.RequiredParameters.Union(b.RequiredParameters)],
            MinWrappingTtl = Lower(a.MinWrappingTtl, b.MinWrappingTtl),
            MaxWrappingTtl = Lower(a.MaxWrappingTtl, b.MaxWrappingTtl),
        };
    }

    private static TimeSpan Lower(TimeSpan a, TimeSpan b) => a == TimeSpan.Zero ? b : b == TimeSpan.Zero ? a : a < b ? a : b;
}
