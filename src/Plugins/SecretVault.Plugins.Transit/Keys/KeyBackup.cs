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
        return policy is not null && IsConsistent(policy)
            ? policy
            : throw LogicalException.BadRequest("failed to restore the key: the backup is not valid");
    }

    /// <summary>
    /// Whether a restored policy can serve every operation its type allows: a blob is caller input, and a version
    /// without its material or bounds that point nowhere would fail later as a 500.
    /// </summary>
    private static bool IsConsistent(KeyPolicy policy)
    {
        var type = policy.Type;
        if (policy.Versions is null || policy.Versions.Count == 0 || !policy.Versions.ContainsKey(policy.LatestVersion)
            || policy.Versions.Keys.Max() != policy.LatestVersion
            || policy.MinDecryptionVersion < 1 || policy.MinDecryptionVersion > policy.LatestVersion
            || policy.MinEncryptionVersion < 0 || policy.MinEncryptionVersion > policy.LatestVersion
            || policy.MinAvailableVersion < 0 || policy.Versions.Keys.Min() < policy.MinAvailableVersion
            || (policy.Derived && !type.SupportsDerivation())
            || (policy.ConvergentEncryption && (!policy.Derived || !type.IsSymmetric()))
            || policy.Name is null || policy.LatestVersion >= int.MaxValue / 2
            || (type == KeyType.Hmac ? policy.KeySize is < 32 or > 512 : policy.KeySize != 0)
            || (policy.MinEncryptionVersion != 0 && policy.MinEncryptionVersion < policy.MinDecryptionVersion)
            || (policy.AutoRotatePeriodSeconds != 0 && policy.AutoRotatePeriodSeconds is < 3600 or > 100L * 366 * 86400)
            || policy.EncryptionsReserved is null || policy.EncryptionsReserved.Values.Any(r => r < 0))
        {
            return false;
        }

        return policy.Versions.All(pair => pair.Value is { } version && version.Version == pair.Key
            && version.HmacKey is { Length: > 0 } && Crypto.KeyMaterialCheck.IsValid(type, version));
    }
}
