using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Keys;

/// <summary>
/// A backup blob: base64 of <c>{"policy": {...}}</c> with every version's key material in plaintext. Our own format
/// (Vault's is internal to Vault), so backups restore into SecretVault only.
/// </summary>
internal sealed record KeyBackup([property: System.Text.Json.Serialization.JsonPropertyName("policy")] KeyPolicy Policy)
{
    public static KeyPolicy Decode(string backup)
    {
        KeyBackup? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize<KeyBackup>(Convert.FromBase64String(backup));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or NotSupportedException)
        {
            throw LogicalException.BadRequest("failed to restore the key: the backup is not valid");
        }

        var policy = decoded?.Policy;
        if (policy is null || policy.Versions is null || !policy.Versions.ContainsKey(policy.LatestVersion) || policy.Versions.Values.Any(v => v.HmacKey is null))
        {
            throw LogicalException.BadRequest("failed to restore the key: the backup is not valid");
        }

        return policy;
    }
}
