using System.Text.Json.Serialization;

namespace SecretVault.Client.Models;

/// <summary>The <c>data</c> of <c>sys/key-status</c>.</summary>
public sealed record KeyStatusResponse
{
    [JsonPropertyName("term")] public int Term { get; init; }
    [JsonPropertyName("install_time")] public string InstallTime { get; init; } = "";
    [JsonPropertyName("encryptions")] public long Encryptions { get; init; }
}
