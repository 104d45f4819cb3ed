using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecretVault.Client.Models;

/// <summary>Vault's response envelope for logical requests.</summary>
public sealed record SecretEnvelope
{
    [JsonPropertyName("request_id")] public string RequestId { get; init; } = "";
    [JsonPropertyName("lease_id")] public string LeaseId { get; init; } = "";
    [JsonPropertyName("renewable")] public bool Renewable { get; init; }
    [JsonPropertyName("lease_duration")] public long LeaseDuration { get; init; }
    [JsonPropertyName("data")] public JsonElement? Data { get; init; }
    [JsonPropertyName("warnings")] public IReadOnlyList<string>? Warnings { get; init; }
    [JsonPropertyName("auth")] public JsonElement? Auth { get; init; }
    [JsonPropertyName("wrap_info")] public JsonElement? WrapInfo { get; init; }
}
