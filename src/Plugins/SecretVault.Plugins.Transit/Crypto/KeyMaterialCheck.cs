using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using SecretVault.Plugins.Transit.Keys;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>Whether a version's material (from a backup, so caller input) is a well-formed key of its type.</summary>
internal static class KeyMaterialCheck
{
    public static bool IsValid(KeyType type, KeyVersion version)
    {
        try
        {
            return type switch
            {
                _ when type.IsSymmetric() => version.Key?.Length == type.SymmetricKeyLength(),
                KeyType.Hmac => version.HmacKey.Length is >= 32 and <= 512,
                KeyType.Ed25519 => version.Key?.Length == Ed25519PrivateKeyParameters.KeySize
                    && new Ed25519PrivateKeyParameters(version.Key).GeneratePublicKey().GetEncoded().AsSpan().SequenceEqual(version.PublicKey),
                _ when type.IsMlDsa() => version.Key?.Length == 32
                    && MlDsaKeys.FromSeed(type, version.Key).GetPublicKey().GetEncoded().AsSpan().SequenceEqual(version.PublicKey),
                _ when type.IsEcdsa() => EcdsaMatches(type, version),
                _ => RsaMatches(type, version),
            };
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool EcdsaMatches(KeyType type, KeyVersion version)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(version.Key, out _);
        return ecdsa.KeySize == type switch { KeyType.EcdsaP256 => 256, KeyType.EcdsaP384 => 384, _ => 521 }
            && ecdsa.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(version.PublicKey);
    }

    private static bool RsaMatches(KeyType type, KeyVersion version)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(version.Key, out _);
        var bits = type switch { KeyType.Rsa2048 => 2048, KeyType.Rsa3072 => 3072, _ => 4096 };
        return rsa.KeySize == bits && rsa.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(version.PublicKey);
    }
}
