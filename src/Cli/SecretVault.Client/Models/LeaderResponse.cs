using System.Text.Json.Serialization;

namespace SecretVault.Client.Models;

/// <summary>The body of <c>sys/leader</c>.</summary>
public sealed record LeaderResponse
{
    [JsonPropertyName("ha_enabled")] public bool HaEnabled { get; init; }
    [JsonPropertyName("is_self")] public bool IsSelf { get; init; }
    [JsonPropertyName("leader_address")] public string LeaderAddress { get; init; } = "";
    [JsonPropertyName("leader_cluster_address")] public string LeaderClusterAddress { get; init; } = "";
    [JsonPropertyName("active_time")] public string? ActiveTime { get; init; }
    [JsonPropertyName("performance_standby")] public bool PerformanceStandby { get; init; }
}
