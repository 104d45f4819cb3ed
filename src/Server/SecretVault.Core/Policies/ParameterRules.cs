using System.Text.Json;

namespace SecretVault.Core.Policies;

/// <summary>The allowed, denied and required parameter checks of a rule, applied to a write's data.</summary>
internal static class ParameterRules
{
    public static bool Permit(PathRule rule, IReadOnlyDictionary<string, JsonElement> data)
    {
        foreach (var (key, value) in data)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
            if (Lookup(rule.DeniedParameters, key) is { } denied && (denied.Count == 0 || denied.Any(d => GlobMatch(d, text))))
            {
                return false;
            }

            if (rule.AllowedParameters.Count > 0)
            {
                var allowed = Lookup(rule.AllowedParameters, key);
                if (allowed is null || (allowed.Count > 0 && !allowed.Any(a => GlobMatch(a, text))))
                {
                    return false;
                }
            }
        }

        return rule.RequiredParameters.All(data.ContainsKey);
    }

    private static IReadOnlyList<string>? Lookup(IReadOnlyDictionary<string, IReadOnlyList<string>> map, string key) =>
        map.TryGetValue(key, out var values) ? values : map.GetValueOrDefault("*");

    private static bool GlobMatch(string pattern, string value) => pattern switch
    {
        "*" => true,
        _ when pattern.Length > 1 && pattern.StartsWith('*') && pattern.EndsWith('*') => value.Contains(pattern[1..^1], StringComparison.Ordinal),
        _ when pattern.StartsWith('*') => value.EndsWith(pattern[1..], StringComparison.Ordinal),
        _ when pattern.EndsWith('*') => value.StartsWith(pattern[..^1], StringComparison.Ordinal),
        _ => pattern == value,
    };
}
