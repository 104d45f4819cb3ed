using System.Text.Json.Serialization;

namespace SecretVault.Client.Models;

/// <summary>The body of <c>sys/seal-status</c> and <c>sys/unseal</c>.</summary>
public sealed record SealStatusResponse
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("initialized")] public bool Initialized { get; init; }
    [JsonPropertyName("sealed")] public bool Sealed { get; init; }
    [JsonPropertyName("t")] public int Threshold { get; init; }
    [JsonPropertyName("n")] public int Shares { get; init; }
    [JsonPropertyName("progress")] public int Progress { get; init; }
    [JsonPropertyName("nonce")] public string Nonce { get; init; } = "";
    [JsonPropertyName("version")] public string Version { get; init; } = "";
    [JsonPropertyName("build_date")] public string BuildDate { get; init; } = "";
    [JsonPropertyName("migration")] public bool Migration { get; init; }
    [JsonPropertyName("cluster_name")] public string? ClusterName { get; init; }
    [JsonPropertyName("cluster_id")] public string? ClusterId { get; init; }
    [JsonPropertyName("recovery_seal")] public bool RecoverySeal { get; init; }
    [JsonPropertyName("storage_type")] public string? StorageType { get; init; }
}
