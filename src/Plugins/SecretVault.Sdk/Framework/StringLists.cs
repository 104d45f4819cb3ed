using System.Text.Json;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// How a request value is read as a list of strings, the one rule both the path framework and the ACL's
/// parameter checks use, so a policy judges exactly the elements a backend will act on.
/// </summary>
public static class StringLists
{
    /// <summary>
    /// Reads <paramref name="value"/> as a list: a string is split at commas (<c>"a, b"</c> is <c>["a","b"]</c>),
    /// an array's string items likewise, its numbers and booleans as written. False for any other value.
    /// </summary>
    public static bool TryRead(JsonElement value, out IReadOnlyList<string> items)
    {
        items = [];
        if (value.ValueKind == JsonValueKind.String)
        {
            items = SplitComma(value.GetString() ?? "");
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    list.AddRange(SplitComma(item.GetString() ?? ""));
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    list.Add(item.GetRawText());
                    break;
                default:
                    return false;
            }
        }

        items = list;
        return true;
    }

    private static string[] SplitComma(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
