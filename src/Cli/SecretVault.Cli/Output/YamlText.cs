using System.Text.Json;
using YamlDotNet.Serialization;

namespace SecretVault.Cli.Output;

/// <summary>JSON output rendered as YAML (vault's <c>-format=yaml</c>: the same fields, in YAML).</summary>
public static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder().Build();

    public static string From(JsonElement json) => Serializer.Serialize(Plain(json));

    private static object? Plain(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => json.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => json.TryGetInt64(out var whole) ? whole : json.GetDouble(),
        _ => null,
    };
}
