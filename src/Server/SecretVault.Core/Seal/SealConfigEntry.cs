using System.Text.Json.Serialization;

namespace SecretVault.Core.Seal;

/// <summary>
/// The seal configuration at <c>core/seal-config</c>: stored in the clear because it is needed
/// before unseal (how many shares, how many to unseal). Its presence means "initialized".
/// It also carries the root key encrypted under the unseal key, so that a rekey changes the shares, the
/// threshold and the wrapped root key in one write: no crash can leave a configuration whose shares do not
/// open its root key.
/// </summary>
public sealed record SealConfigEntry
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "shamir";

    [JsonPropertyName("secret_shares")]
    public required int SecretShares { get; init; }

    [JsonPropertyName("secret_threshold")]
    public required int SecretThreshold { get; init; }

    /// <summary>The root key under the unseal key (barrier framing); absent in data written before rekey existed (<c>core/root-key</c>).</summary>
    [JsonPropertyName("root_key")]
    public byte[]? WrappedRootKey { get; init; }
}
