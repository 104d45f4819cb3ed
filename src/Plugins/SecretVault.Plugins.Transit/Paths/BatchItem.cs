using System.Globalization;
using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary>
/// The fields of one operation: a <c>batch_input</c> element, or the request body itself when there is no batch.
/// Numbers and strings are read as clients send them (key_version may arrive as "2").
/// </summary>
internal sealed class BatchItem
{
    private readonly IReadOnlyDictionary<string, JsonElement> _fields;

    public BatchItem(IReadOnlyDictionary<string, JsonElement> fields)
    {
        _fields = fields;
    }

    public string? Reference => String("reference");

    public bool Has(string name) => _fields.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw LogicalException.BadRequest($"invalid value for {name}: expected a string"),
        };
    }

    public long Int(string name)
    {
        var text = String(name);
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw LogicalException.BadRequest($"invalid value for {name}: expected an integer");
    }

    /// <summary>The base64-decoded value of <paramref name="name"/>, or null when absent or empty.</summary>
    public byte[]? Base64(string name)
    {
        var text = String(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw LogicalException.BadRequest($"failed to base64-decode {name}");
        }
    }

    /// <summary>Like <see cref="Base64"/>, but absence is <paramref name="missing"/> (an empty value is empty input).</summary>
    public byte[] RequiredBase64(string name, string missing)
    {
        if (String(name) is null)
        {
            throw LogicalException.BadRequest(missing);
        }

        return Base64(name) ?? [];
    }
}
