using System.Globalization;
using SecretVault.Sdk.Time;
using YamlDotNet.RepresentationModel;

namespace SecretVault.Server.Configuration;

/// <summary>Typed reads of one key of a configuration mapping; a wrong type throws <see cref="ConfigException"/> naming the key.</summary>
public static class ConfigNodes
{
    /// <summary>Throws on the first key of <paramref name="map"/> that is not in <paramref name="allowed"/>.</summary>
    public static void CheckKeys(YamlMappingNode map, IEnumerable<string> allowed, string prefix)
    {
        var known = allowed.ToHashSet(StringComparer.Ordinal);
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                throw new ConfigException($"unknown key \"{prefix}{name}\"");
            }
        }
    }

    /// <summary>The mapping at <paramref name="key"/>, or null when absent.</summary>
    public static YamlMappingNode? Mapping(YamlMappingNode map, string key, string prefix) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node as YamlMappingNode ?? throw new ConfigException($"\"{prefix}{key}\" must be a mapping")
            : null;

    /// <summary>The single value at <paramref name="key"/>, or null when absent.</summary>
    public static string? Scalar(YamlMappingNode map, string key, string prefix) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? (node as YamlScalarNode ?? throw new ConfigException($"\"{prefix}{key}\" must be a single value")).Value
            : null;

    /// <summary>A boolean as Go's strconv.ParseBool reads it (Vault's parseutil.ParseBool), or null when absent.</summary>
    public static bool? Bool(YamlMappingNode map, string key, string prefix)
    {
        var text = Scalar(map, key, prefix);
        return text switch
        {
            null => null,
            "true" or "True" or "TRUE" or "t" or "T" or "1" => true,
            "false" or "False" or "FALSE" or "f" or "F" or "0" => false,
            _ => throw new ConfigException($"invalid value for \"{prefix}{key}\": expected true or false"),
        };
    }

    /// <summary>A duration such as <c>768h</c>, or null when absent.</summary>
    public static TimeSpan? Duration(YamlMappingNode map, string key, string prefix = "", bool mustBePositive = false)
    {
        var text = Scalar(map, key, prefix);
        if (text is null)
        {
            return null;
        }

        return Durations.TryParse(text, out var value, out _) && (mustBePositive ? value > TimeSpan.Zero : value >= TimeSpan.Zero)
            ? value
            : throw new ConfigException($"invalid value for \"{prefix}{key}\": expected a duration{(mustBePositive ? " greater than zero" : "")} such as {(mustBePositive ? "15m" : "768h")}");
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>, or null when absent.</summary>
    public static long? Number(YamlMappingNode map, string key, string prefix, long minimum = 1)
    {
        var text = Scalar(map, key, prefix);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"invalid value for \"{prefix}{key}\": expected a whole number of at least {minimum}"));
    }

    /// <summary>A list of strings, written as a list or as one comma-separated string (as Vault accepts), or null when absent.</summary>
    public static IReadOnlyList<string>? List(YamlMappingNode map, string key, string prefix)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        return node switch
        {
            YamlScalarNode scalar => (scalar.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            YamlSequenceNode list => [.. list.Children.Select(item => (item as YamlScalarNode)?.Value ?? throw new ConfigException($"\"{prefix}{key}\" must be a list of values"))],
            _ => throw new ConfigException($"\"{prefix}{key}\" must be a list of values"),
        };
    }

    /// <summary>The values of a mapping as written, for <c>sys/config/state/sanitized</c>: booleans and numbers typed, the rest strings.</summary>
    public static Dictionary<string, object?> Raw(YamlMappingNode map)
    {
        var raw = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            raw[((YamlScalarNode)key).Value ?? ""] = value switch
            {
                YamlScalarNode { Value: "true" or "false" } b => b.Value == "true",
                YamlScalarNode s when long.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                YamlScalarNode s => s.Value,
                YamlSequenceNode list => list.Children.Select(i => (i as YamlScalarNode)?.Value).ToList(),
                _ => null,
            };
        }

        return raw;
    }
}
