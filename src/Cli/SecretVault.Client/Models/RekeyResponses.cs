using System.Text.Json.Serialization;

namespace SecretVault.Client.Models;

/// <summary>The body of <c>sys/rekey/init</c>, of an unfinished <c>sys/rekey/update</c>, and of <c>sys/rekey/verify</c>.</summary>
public sealed record RekeyStatusResponse
{
    [JsonPropertyName("nonce")] public string Nonce { get; init; } = "";
    [JsonPropertyName("started")] public bool Started { get; init; }
    [JsonPropertyName("t")] public int T { get; init; }
    [JsonPropertyName("n")] public int N { get; init; }
    [JsonPropertyName("progress")] public int Progress { get; init; }
    [JsonPropertyName("required")] public int Required { get; init; }
    [JsonPropertyName("verification_required")] public bool VerificationRequired { get; init; }
    [JsonPropertyName("verification_nonce")] public string VerificationNonce { get; init; } = "";

    /// <summary>Set on the update that completes the rekey (or its verification).</summary>
    [JsonPropertyName("complete")] public bool Complete { get; init; }

    /// <summary>The new shares, hex, on the update that completes the rekey.</summary>
    [JsonPropertyName("keys")] public IReadOnlyList<string>? Keys { get; init; }
    [JsonPropertyName("keys_base64")] public IReadOnlyList<string>? KeysBase64 { get; init; }

    /// <summary>Set when the server could not tell whether the rekey took effect.</summary>
    [JsonPropertyName("warnings")] public IReadOnlyList<string>? Warnings { get; init; }
}
