using System.Text.Json.Serialization;

namespace SecretVault.Client.Models;

/// <summary>The body of <c>sys/generate-root/attempt</c> and <c>sys/generate-root/update</c>.</summary>
public sealed record GenerateRootStatusResponse
{
    [JsonPropertyName("nonce")] public string Nonce { get; init; } = "";
    [JsonPropertyName("started")] public bool Started { get; init; }
    [JsonPropertyName("progress")] public int Progress { get; init; }
    [JsonPropertyName("required")] public int Required { get; init; }
    [JsonPropertyName("complete")] public bool Complete { get; init; }
    [JsonPropertyName("encoded_token")] public string EncodedToken { get; init; } = "";
    [JsonPropertyName("encoded_root_token")] public string EncodedRootToken { get; init; } = "";
    [JsonPropertyName("pgp_fingerprint")] public string PgpFingerprint { get; init; } = "";
    [JsonPropertyName("otp")] public string Otp { get; init; } = "";
    [JsonPropertyName("otp_length")] public int OtpLength { get; init; }
}
