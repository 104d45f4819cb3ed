using SecretVault.Plugins.Transit.Crypto;

namespace SecretVault.Plugins.Transit.Keys;

/// <summary>The <c>data</c> of a key read (and of create, rotate, config and trim), shaped as Vault's.</summary>
internal static class KeyInfo
{
    public static Dictionary<string, object?> Build(KeyPolicy policy)
    {
        var type = policy.Type;
        var info = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = policy.Name,
            ["type"] = type.Name(),
            ["derived"] = policy.Derived,
            ["deletion_allowed"] = policy.DeletionAllowed,
            ["exportable"] = policy.Exportable,
            ["allow_plaintext_backup"] = policy.AllowPlaintextBackup,
            ["keys"] = Versions(policy),
            ["latest_version"] = policy.LatestVersion,
            ["min_available_version"] = policy.MinAvailableVersion,
            ["min_decryption_version"] = policy.MinDecryptionVersion,
            ["min_encryption_version"] = policy.MinEncryptionVersion,
            ["supports_encryption"] = type.SupportsEncryption(),
            ["supports_decryption"] = type.SupportsEncryption(),
            ["supports_derivation"] = type.SupportsDerivation(),
            ["supports_signing"] = type.SupportsSigning(),
            ["auto_rotate_period"] = policy.AutoRotatePeriodSeconds,
            ["imported_key"] = false,
        };
        if (policy.Derived)
        {
            info["kdf"] = policy.Kdf ?? KeyPolicy.HkdfSha256;
            info["convergent_encryption"] = policy.ConvergentEncryption;
            if (policy.ConvergentEncryption)
            {
                info["convergent_encryption_version"] = policy.ConvergentVersion;
            }
        }

        if (type == KeyType.Hmac)
        {
            info["key_size"] = policy.KeySize;
        }

        if (policy.BackupTime is { } backupTime)
        {
            info["backup_info"] = new Dictionary<string, object?> { ["time"] = Rfc3339(backupTime), ["version"] = policy.BackupVersion };
        }

        if (policy.RestoreTime is { } restoreTime)
        {
            info["restore_info"] = new Dictionary<string, object?> { ["time"] = Rfc3339(restoreTime), ["version"] = policy.RestoreVersion };
        }

        return info;
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Versions(KeyPolicy policy)
    {
        var keys = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (number, version) in policy.Versions.OrderBy(v => v.Key))
        {
            // Symmetric and HMAC versions show their creation time; asymmetric ones their public key (Vault's shapes).
            keys[number.ToString(System.Globalization.CultureInfo.InvariantCulture)] = policy.Type.HasPublicKey()
                ? new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = KeyExport.AlgorithmName(policy.Type),
                    ["public_key"] = policy.Derived ? "" : KeyExport.PublicKeyText(policy, version),
                    ["creation_time"] = Rfc3339(version.CreationTime),
                }
                : version.UnixCreationTime;
        }

        return keys;
    }
}
