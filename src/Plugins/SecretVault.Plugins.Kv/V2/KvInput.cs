using System.Globalization;
using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>Reads and checks KV v2's request fields, with Vault's messages; a message never quotes a value.</summary>
internal static class KvInput
{
    /// <summary>The key a write addresses: not empty and not a folder.</summary>
    public static string WritableKey(FieldData data)
    {
        var key = data.GetString("path");
        if (key.Length == 0)
        {
            throw LogicalException.BadRequest("missing path");
        }

        if (key.EndsWith('/'))
        {
            throw LogicalException.BadRequest("cannot write to a path ending in '/'");
        }

        return key;
    }

    /// <summary>The <c>data</c> object of a write or patch.</summary>
    public static JsonElement DataObject(FieldData data)
    {
        var raw = data.GetRaw("data") ?? throw LogicalException.BadRequest("no data provided");
        return raw.ValueKind == JsonValueKind.Object ? raw : throw NotAMap("data");
    }

    /// <summary><c>options.cas</c>, or null when the request has none.</summary>
    public static long? CheckAndSet(FieldData data)
    {
        if (data.GetRaw("options") is not { } options)
        {
            return null;
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            throw NotAMap("options");
        }

        if (!options.TryGetProperty("cas", out var cas))
        {
            return null;
        }

        // Vault decodes cas into a signed integer: a negative one parses and then matches no version, and a null one
        // decodes to 0 (the key must not exist yet).
        return cas.ValueKind switch
        {
            JsonValueKind.Null => 0,
            JsonValueKind.Number when cas.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(cas.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw LogicalException.BadRequest("error parsing check-and-set parameter"),
        };
    }

    /// <summary>Refuses a write whose check-and-set does not hold, as Vault does (cas 0: the key must not exist yet).</summary>
    public static void VerifyCheckAndSet(long? cas, KvConfigEntry config, KeyMetadataEntry metadata)
    {
        if (cas is { } expected)
        {
            if (expected != metadata.CurrentVersion)
            {
                throw LogicalException.BadRequest("check-and-set parameter did not match the current version");
            }
        }
        else if (config.CasRequired || metadata.CasRequired)
        {
            throw LogicalException.BadRequest("check-and-set parameter required for this call");
        }
    }

    /// <summary>The version numbers of <c>versions</c>: a JSON list, a number, or a comma-separated string.</summary>
    public static IReadOnlyList<long> Versions(FieldData data, string missingMessage)
    {
        var raw = data.GetRaw("versions");
        var versions = raw switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } list => [.. list.EnumerateArray().Select(Version)],
            { ValueKind: JsonValueKind.String } text => [.. (text.GetString() ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseVersion)],
            { } single => new List<long> { Version(single) },
        };

        return versions.Count == 0 ? throw LogicalException.BadRequest(missingMessage) : versions;
    }

    /// <summary>The <c>version</c> query parameter; 0 or absent means the current version.</summary>
    public static long RequestedVersion(FieldData data) => Math.Max(0, data.GetInt("version"));

    private static long Version(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var n) => n,
        JsonValueKind.String => ParseVersion(element.GetString() ?? ""),
        _ => throw InvalidVersions(),
    };

    private static long ParseVersion(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw InvalidVersions();

    private static LogicalException InvalidVersions() =>
        LogicalException.BadRequest("invalid value for field \"versions\": expected a list of integers");

    private static LogicalException NotAMap(string field) =>
        LogicalException.BadRequest($"error converting input for field \"{field}\": expected a map");
}
