using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>Vault's limits on <c>custom_metadata</c>: at most 64 keys, keys up to 128 bytes, values up to 512, all printable.</summary>
internal static class CustomMetadataRules
{
    private const int MaxKeys = 64;
    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 512;
    private const string Prefix = "custom_metadata validation failed";

    /// <summary>
    /// Applies <paramref name="raw"/> to <paramref name="current"/>: a write replaces the map; a patch
    /// merges it, a null value removing its key. The result is checked against the limits.
    /// </summary>
    public static Dictionary<string, string> Apply(Dictionary<string, string>? current, JsonElement raw, bool patch)
    {
        if (raw.ValueKind != JsonValueKind.Object)
        {
            throw LogicalException.BadRequest($"{Prefix}: custom_metadata must be a map of strings");
        }

        var result = patch && current is not null ? new Dictionary<string, string>(current, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in raw.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Null when patch:
                    result.Remove(property.Name);
                    break;
                case JsonValueKind.String:
                    result[property.Name] = property.Value.GetString() ?? "";
                    break;
                default:
                    throw LogicalException.BadRequest($"{Prefix}: the value of every key must be a string");
            }
        }

        Validate(result);
        return result;
    }

    private static void Validate(Dictionary<string, string> metadata)
    {
        if (metadata.Count > MaxKeys)
        {
            throw LogicalException.BadRequest($"{Prefix}: payload must contain at most {MaxKeys} keys, provided {metadata.Count}");
        }

        var errors = new List<string>();
        foreach (var (key, value) in metadata)
        {
            var keyLength = System.Text.Encoding.UTF8.GetByteCount(key);
            if (keyLength is 0 or > MaxKeyLength)
            {
                errors.Add($"length of key {Quote(key)} is {keyLength} but must be 0 < len(key) <= {MaxKeyLength}");
            }

            var valueLength = System.Text.Encoding.UTF8.GetByteCount(value);
            if (valueLength is 0 or > MaxValueLength)
            {
                errors.Add($"length of value for key {Quote(key)} is {valueLength} but must be 0 < len(value) <= {MaxValueLength}");
            }

            if (key.Any(char.IsControl))
            {
                errors.Add($"key {Quote(key)} contains unprintable characters");
            }

            if (value.Any(char.IsControl))
            {
                errors.Add($"value for key {Quote(key)} contains unprintable characters");
            }
        }

        if (errors.Count > 0)
        {
            throw new LogicalException(400, $"{Prefix}: {string.Join("; ", errors)}");
        }
    }

    // Keys are names, not secrets, but they are still user input: cut long ones and drop control characters.
    private static string Quote(string key) =>
        "\"" + new string([.. key.Take(MaxKeyLength).Where(c => !char.IsControl(c))]) + "\"";
}
