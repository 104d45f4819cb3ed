using SecretVault.Sdk.Time;

namespace SecretVault.Core.Policies;

/// <summary>
/// Parses a policy in Vault's HCL language or its JSON form into <see cref="Policy"/>. Unknown keys,
/// unknown capabilities and malformed values are errors naming the line and column.
/// </summary>
public static class PolicyParser
{
    private static readonly HashSet<string> RuleKeys =
        ["capabilities", "policy", "allowed_parameters", "denied_parameters", "required_parameters", "min_wrapping_ttl", "max_wrapping_ttl"];

    // The legacy `policy = "write"` form, as Vault expands it.
    private static readonly Dictionary<string, Capability> LegacyPolicies = new(StringComparer.Ordinal)
    {
        ["deny"] = Capability.Deny,
        ["read"] = Capability.Read | Capability.List,
        ["write"] = Capability.Create | Capability.Read | Capability.Update | Capability.Delete | Capability.List,
        ["sudo"] = Capability.Create | Capability.Read | Capability.Update | Capability.Delete | Capability.List | Capability.Sudo,
    };

    /// <summary>Parses <paramref name="text"/> as the policy <paramref name="name"/>.</summary>
    public static Policy Parse(string name, string text)
    {
        var root = text.TrimStart().StartsWith('{') ? JsonPolicyReader.Parse(text) : HclParser.Parse(text);
        var rules = new List<PathRule>();
        foreach (var (key, value) in root.Members)
        {
            switch (key)
            {
                case "name":
                    break;
                case "path":
                    foreach (var (pattern, body) in Blocks(value))
                    {
                        rules.Add(ReadRule(pattern, body));
                    }

                    break;
                default:
                    throw new PolicyParseException($"invalid key \"{key}\"", value.Line, value.Column);
            }
        }

        if (rules.Count == 0)
        {
            throw new PolicyParseException("the policy has no path rules", root.Line, root.Column);
        }

        return new Policy(name, text, rules);
    }

    private static IEnumerable<(string Pattern, PolicyNode Body)> Blocks(PolicyNode value) => value.Kind switch
    {
        PolicyNodeKind.Object => value.Members,
        PolicyNodeKind.List => value.Items.SelectMany(Blocks),
        _ => throw new PolicyParseException("a path must be a block: path \"...\" { ... }", value.Line, value.Column),
    };

    private static PathRule ReadRule(string pattern, PolicyNode body)
    {
        if (body.Kind != PolicyNodeKind.Object)
        {
            throw new PolicyParseException($"path \"{pattern}\" must be a block", body.Line, body.Column);
        }

        var trimmed = pattern.TrimStart('/');
        var star = trimmed.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && star != trimmed.Length - 1)
        {
            throw new PolicyParseException($"path \"{pattern}\": '*' is only allowed at the end", body.Line, body.Column);
        }

        var rule = new PathRule { Pattern = trimmed };
        foreach (var (key, value) in body.Members)
        {
            rule = key switch
            {
                "capabilities" => rule with { Capabilities = rule.Capabilities | Capabilities(value) },
                "policy" => rule with { Capabilities = rule.Capabilities | Legacy(value) },
                "allowed_parameters" => rule with { AllowedParameters = Parameters(value) },
                "denied_parameters" => rule with { DeniedParameters = Parameters(value) },
                "required_parameters" => rule with { RequiredParameters = Strings(value) },
                "min_wrapping_ttl" => rule with { MinWrappingTtl = Duration(value) },
                "max_wrapping_ttl" => rule with { MaxWrappingTtl = Duration(value) },
                _ => throw new PolicyParseException($"invalid key \"{key}\" in path \"{pattern}\"; expected one of {string.Join(", ", RuleKeys)}", value.Line, value.Column),
            };
        }

        if (rule.MinWrappingTtl > TimeSpan.Zero && rule.MaxWrappingTtl > TimeSpan.Zero && rule.MinWrappingTtl > rule.MaxWrappingTtl)
        {
            throw new PolicyParseException($"path \"{pattern}\": max_wrapping_ttl cannot be less than min_wrapping_ttl", body.Line, body.Column);
        }

        // deny overrides everything else in the same rule, as Vault does.
        return rule.Capabilities.HasFlag(Capability.Deny) ? rule with { Capabilities = Capability.Deny } : rule;
    }

    private static Capability Capabilities(PolicyNode value)
    {
        var result = Capability.None;
        foreach (var item in ListItems(value))
        {
            result |= CapabilityNames.Parse(item.Text) ?? throw new PolicyParseException($"invalid capability \"{item.Text}\"", item.Line, item.Column);
        }

        return result;
    }

    private static Capability Legacy(PolicyNode value) =>
        value.Kind == PolicyNodeKind.Scalar && LegacyPolicies.TryGetValue(value.Text, out var capabilities)
            ? capabilities
            : throw new PolicyParseException($"invalid policy \"{value.Text}\": expected deny, read, write or sudo", value.Line, value.Column);

    private static Dictionary<string, IReadOnlyList<string>> Parameters(PolicyNode value)
    {
        if (value.Kind != PolicyNodeKind.Object)
        {
            throw new PolicyParseException("parameters must be a map of name to list of values", value.Line, value.Column);
        }

        // Names compare case-insensitively, as in Vault: "Token_Policies" and "token_policies" are one key.
        return ParameterRules.Merge(
            new Dictionary<string, IReadOnlyList<string>>(),
            value.Members.Select(m => KeyValuePair.Create(ParameterRules.NameOf(m.Key), (IReadOnlyList<string>)Strings(m.Value))));
    }

    private static List<string> Strings(PolicyNode value) => [.. ListItems(value).Select(i => i.Text)];

    private static IEnumerable<PolicyNode> ListItems(PolicyNode value)
    {
        if (value.Kind != PolicyNodeKind.List || value.Items.Any(i => i.Kind != PolicyNodeKind.Scalar))
        {
            throw new PolicyParseException("expected a list of strings", value.Line, value.Column);
        }

        return value.Items;
    }

    private static TimeSpan Duration(PolicyNode value) =>
        value.Kind == PolicyNodeKind.Scalar && Durations.TryParse(value.Text, out var duration, out _) && duration >= TimeSpan.Zero
            ? duration
            : throw new PolicyParseException("invalid duration", value.Line, value.Column);
}
