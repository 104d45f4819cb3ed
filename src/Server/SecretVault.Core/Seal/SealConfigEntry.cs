using System.Text.Json.Serialization;

namespace SecretVault.Core.Seal;

/// <summary>
/// The seal configuration at <c>core/seal-config</c>: stored in the clear because it is needed
/// before unseal (how many shares, how many to unseal). Its presence means "initialized".
/// </summary>
public sealed record SealConfigEntry
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "shamir";

    [JsonPropertyName("secret_shares")]
    public required int SecretShares { get; init; }

    [JsonPropertyName("secret_threshold")]
    public required int SecretThreshold { get; init; }
}
