using System.Text.Json.Serialization;

namespace SecretVault.Client.Models;

/// <summary>The answer of <c>PUT sys/init</c>.</summary>
public sealed record InitResponse
{
    [JsonPropertyName("keys")] public IReadOnlyList<string> Keys { get; init; } = [];
    [JsonPropertyName("keys_base64")] public IReadOnlyList<string> KeysBase64 { get; init; } = [];
    [JsonPropertyName("root_token")] public string RootToken { get; init; } = "";
}
