using System.Text.Json;
using SecretVault.Sdk.Framework;

namespace SecretVault.Core.Policies;

/// <summary>
/// The allowed, denied and required parameter checks of a rule, applied to a request's data. Parameter names
/// compare case-insensitively (policy keys are stored lower-cased, as Vault does). A value a backend reads as a
/// list (an array, or a comma-separated string) is judged element by element, as Vault does for arrays since 1.21:
/// one denied element denies, and every element must be allowed. A string is judged both whole and as its elements.
/// </summary>
internal static class ParameterRules
{
    // Backends lower-case many values (policy names, user names): "ADM" becomes "adm" after the check. A denied value
    // therefore matches in any case (only stricter), while an allowed one must match exactly (never looser).
    private const StringComparison DeniedComparison = StringComparison.OrdinalIgnoreCase;

    private const StringComparison AllowedComparison = StringComparison.Ordinal;

    public static bool Permit(PathRule rule, IReadOnlyDictionary<string, JsonElement> data)
    {
        if (!rule.RequiredParameters.All(required => data.ContainsKey(NameOf(required))))
        {
            return false;
        }

        foreach (var (key, value) in data)
        {
            var (whole, elements) = Forms(value);
            if (Lookup(rule.DeniedParameters, key) is { } denied
                && (denied.Count == 0 || Matches(denied, whole, DeniedComparison) || elements.Any(e => Matches(denied, e, DeniedComparison))))
            {
                return false;
            }

            // No allowed_parameters at all allows every parameter; once there are some, an unlisted one is refused.
            IReadOnlyList<string>? allowed = rule.AllowedParameters.Count == 0 ? [] : Lookup(rule.AllowedParameters, key);
            if (allowed is null || (allowed.Count > 0 && !IsAllowed(allowed, whole, elements)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The stored form of a parameter name in a policy.</summary>
    public static string NameOf(string parameter) => parameter.ToLowerInvariant();

    /// <summary>
    /// Merges the parameter maps of two rules for the same path (or two spellings of one key): an empty list means
    /// "any value", so it absorbs any list it is merged with; other lists are united.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<string>> Merge(
        IReadOnlyDictionary<string, IReadOnlyList<string>> a, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> b)
    {
        var merged = new Dictionary<string, IReadOnlyList<string>>(a, StringComparer.Ordinal);
        foreach (var (key, values) in b)
        {
            merged[key] = merged.TryGetValue(key, out var existing)
                ? existing.Count == 0 || values.Count == 0 ? [] : [.. existing.Union(values)]
                : values;
        }

        return merged;
    }

    // A string is judged whole and as its comma-separated elements; an array only by its elements (its JSON text
    // would let "*foo*" allow ["foo","admin"]); any other value by its JSON text.
    private static (string? Whole, IReadOnlyList<string> Elements) Forms(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => (value.GetString() ?? "", StringLists.TryRead(value, out var items) ? items : []),
        JsonValueKind.Array => StringLists.TryRead(value, out var items) ? ((string?)null, items) : (value.GetRawText(), []),
        _ => (value.GetRawText(), []),
    };

    // The ACL does not know whether the backend reads a string as one value or as a comma-separated list, so the
    // string must be allowed both ways: "dev-a,adm" is refused by ["dev-*"] although "dev-*" matches it whole.
    private static bool IsAllowed(IReadOnlyList<string> allowed, string? whole, IReadOnlyList<string> elements) =>
        whole is null
            ? elements.Count > 0 && elements.All(e => Matches(allowed, e, AllowedComparison))
            : Matches(allowed, whole, AllowedComparison) && elements.All(e => Matches(allowed, e, AllowedComparison));

    private static IReadOnlyList<string>? Lookup(IReadOnlyDictionary<string, IReadOnlyList<string>> map, string key) =>
        map.TryGetValue(NameOf(key), out var values) ? values : map.GetValueOrDefault("*");

    private static bool Matches(IReadOnlyList<string> patterns, string? value, StringComparison comparison) =>
        value is not null && patterns.Any(p => GlobMatch(p, value, comparison));

    private static bool GlobMatch(string pattern, string value, StringComparison comparison) => pattern switch
    {
        "*" => true,
        _ when pattern.Length > 1 && pattern.StartsWith('*') && pattern.EndsWith('*') => value.Contains(pattern[1..^1], comparison),
        _ when pattern.StartsWith('*') => value.EndsWith(pattern[1..], comparison),
        _ when pattern.EndsWith('*') => value.StartsWith(pattern[..^1], comparison),
        _ => string.Equals(pattern, value, comparison),
    };
}
