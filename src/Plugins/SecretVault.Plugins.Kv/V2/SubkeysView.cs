using System.Text.Json;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>A secret's structure without its values: leaves (and keys at the depth limit) become null.</summary>
public static class SubkeysView
{
    /// <summary>The structure of <paramref name="data"/>; <paramref name="depth"/> 0 means no limit, and below 1 keeps the first level only.</summary>
    public static Dictionary<string, object?> Of(JsonElement data, long depth) => Walk(data, 1, depth);

    private static Dictionary<string, object?> Walk(JsonElement node, long level, long depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in node.EnumerateObject())
        {
            var descend = property.Value.ValueKind == JsonValueKind.Object
                && property.Value.EnumerateObject().Any()
                && (depth == 0 || level < depth);
            result[property.Name] = descend ? Walk(property.Value, level + 1, depth) : null;
        }

        return result;
    }
}
