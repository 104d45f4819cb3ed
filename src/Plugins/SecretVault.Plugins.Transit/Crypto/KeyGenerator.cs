using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using SecretVault.Plugins.Transit.Keys;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>Makes the key material of a new key version; every random byte comes from the platform's CSPRNG.</summary>
internal static class KeyGenerator
{
    public const int HmacKeyLength = 32;

    public static KeyVersion Create(KeyType type, int version, DateTimeOffset now, int keySize)
    {
        var hmacKey = RandomNumberGenerator.GetBytes(HmacKeyLength);
        return type switch
        {
            _ when type.IsSymmetric() => new KeyVersion { Version = version, CreationTime = now, HmacKey = hmacKey, Key = RandomNumberGenerator.GetBytes(type.SymmetricKeyLength()) },
            // An hmac key is its HMAC key; there is no other secret.
            KeyType.Hmac => new KeyVersion { Version = version, CreationTime = now, HmacKey = RandomNumberGenerator.GetBytes(keySize) },
            KeyType.Ed25519 => Ed25519Version(version, now, hmacKey),
            _ when type.IsEcdsa() => EcdsaVersion(type, version, now, hmacKey),
            _ when type.IsRsa() => RsaVersion(type, version, now, hmacKey),
            _ when type.IsMlDsa() => MlDsaVersion(type, version, now, hmacKey),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    private static KeyVersion Ed25519Version(int version, DateTimeOffset now, byte[] hmacKey)
    {
        var seed = RandomNumberGenerator.GetBytes(Ed25519PrivateKeyParameters.KeySize);
        var key = new Ed25519PrivateKeyParameters(seed);
        return new KeyVersion { Version = version, CreationTime = now, HmacKey = hmacKey, Key = seed, PublicKey = key.GeneratePublicKey().GetEncoded() };
    }

    private static KeyVersion EcdsaVersion(KeyType type, int version, DateTimeOffset now, byte[] hmacKey)
    {
        using var ecdsa = ECDsa.Create(EcdsaKeys.Curve(type));
        return new KeyVersion
        {
            Version = version, CreationTime = now, HmacKey = hmacKey,
            Key = ecdsa.ExportPkcs8PrivateKey(), PublicKey = ecdsa.ExportSubjectPublicKeyInfo(),
        };
    }

    private static KeyVersion RsaVersion(KeyType type, int version, DateTimeOffset now, byte[] hmacKey)
    {
        var bits = type switch { KeyType.Rsa2048 => 2048, KeyType.Rsa3072 => 3072, _ => 4096 };
        using var rsa = RSA.Create(bits);
        return new KeyVersion
        {
            Version = version, CreationTime = now, HmacKey = hmacKey,
            Key = rsa.ExportPkcs8PrivateKey(), PublicKey = rsa.ExportSubjectPublicKeyInfo(),
        };
    }

    private static KeyVersion MlDsaVersion(KeyType type, int version, DateTimeOffset now, byte[] hmacKey)
    {
        // FIPS 204 keys come from a 32-byte seed; storing the seed keeps the entry small.
        var seed = RandomNumberGenerator.GetBytes(32);
        var key = MlDsaKeys.FromSeed(type, seed);
        return new KeyVersion { Version = version, CreationTime = now, HmacKey = hmacKey, Key = seed, PublicKey = key.GetPublicKey().GetEncoded() };
    }
}
