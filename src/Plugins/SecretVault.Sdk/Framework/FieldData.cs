using System.Globalization;
using System.Text.Json;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// A request's parameters (body or query, plus named captures of the path pattern) read through the
/// path's field schema. A value of the wrong type is a 400 that names the field, never the value.
/// </summary>
public sealed class FieldData
{
    private readonly IReadOnlyDictionary<string, JsonElement> _raw;
    private readonly IReadOnlyDictionary<string, string> _captures;
    private readonly IReadOnlyDictionary<string, FieldSchema> _schema;

    public FieldData(
        IReadOnlyDictionary<string, JsonElement> raw,
        IReadOnlyDictionary<string, string> captures,
        IReadOnlyDictionary<string, FieldSchema> schema)
    {
        _raw = raw;
        _captures = captures;
        _schema = schema;
    }

    /// <summary>True when the request carries the field (or the path captured it).</summary>
    public bool Has(string name) => _captures.ContainsKey(name) || (_raw.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null);

    /// <summary>The raw JSON of the field, if present.</summary>
    public JsonElement? GetRaw(string name) => _raw.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>The field as a string, or its default, or "".</summary>
    public string GetString(string name)
    {
        if (_captures.TryGetValue(name, out var captured))
        {
            return captured;
        }

        var raw = Require(name);
        if (raw is not { } value)
        {
            return Default<string>(name) ?? "";
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw Invalid(name, "a string"),
        };
    }

    /// <summary>The field as an integer, or its default, or 0.</summary>
    public long GetInt(string name)
    {
        var raw = Require(name);
        if (raw is not { } value)
        {
            return Convert.ToInt64(Default<object>(name) ?? 0L, CultureInfo.InvariantCulture);
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw Invalid(name, "an integer");
    }

    /// <summary>The field as a boolean, or its default, or false.</summary>
    public bool GetBool(string name)
    {
        var raw = Require(name);
        if (raw is not { } value)
        {
            return Default<bool?>(name) ?? false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => ParseBool(value.GetString()) ?? throw Invalid(name, "a boolean"),
            JsonValueKind.Number when value.TryGetInt64(out var n) && n is 0 or 1 => n == 1,
            _ => throw Invalid(name, "a boolean"),
        };
    }

    /// <summary>The field as a duration, or its default, or zero.</summary>
    public TimeSpan GetDuration(string name)
    {
        var raw = Require(name);
        if (raw is not { } value)
        {
            return Default<object>(name) switch
            {
                TimeSpan span => span,
                string text => Durations.Parse(text),
                null => TimeSpan.Zero,
                var other => TimeSpan.FromSeconds(Convert.ToDouble(other, CultureInfo.InvariantCulture)),
            };
        }

        try
        {
            return Durations.Parse(value);
        }
        catch (FormatException)
        {
            throw Invalid(name, "a duration");
        }
    }

    /// <summary>The field as a list of strings (a comma-separated string is split), or its default, or empty.</summary>
    public IReadOnlyList<string> GetStrings(string name)
    {
        var raw = Require(name);
        if (raw is not { } value)
        {
            return Default<IReadOnlyList<string>>(name) ?? [];
        }

        return StringLists.TryRead(value, out var items) ? items : throw Invalid(name, "a list of strings");
    }

    /// <summary>The field as a map of strings (a JSON object, or a string holding one), or empty.</summary>
    public IReadOnlyDictionary<string, string> GetStringMap(string name)
    {
        var raw = Require(name);
        if (raw is not { } value)
        {
            return new Dictionary<string, string>();
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var doc = JsonDocument.Parse(value.GetString() ?? "");
                return ToStringMap(name, doc.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a key or value of the inner JSON holds an escaped lone surrogate.
                throw Invalid(name, "a map of strings");
            }
        }

        return ToStringMap(name, value);
    }

    /// <summary>Go's strconv.ParseBool, which Vault uses for query strings.</summary>
    public static bool? ParseBool(string? text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    private JsonElement? Require(string name)
    {
        var value = GetRaw(name);
        if (value is null && _schema.TryGetValue(name, out var schema) && schema.Required)
        {
            throw LogicalException.BadRequest($"missing required field \"{name}\"");
        }

        return value;
    }

    private T? Default<T>(string name) =>
        _schema.TryGetValue(name, out var schema) && schema.Default is T typed ? typed : default;

    private static LogicalException Invalid(string name, string expected) =>
        LogicalException.BadRequest($"invalid value for field \"{name}\": expected {expected}");

    private static Dictionary<string, string> ToStringMap(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(name, "a map of strings");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString() ?? "",
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw Invalid(name, "a map of strings"),
            };
        }

        return map;
    }
}
