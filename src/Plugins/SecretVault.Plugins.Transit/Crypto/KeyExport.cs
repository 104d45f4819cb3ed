using System.Security.Cryptography;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>
/// The formats Vault exports keys in: base64 raw keys for symmetric and Ed25519 keys (Ed25519 private keys as Go's
/// 64-byte seed|public), PKCS#1 PEM for RSA private keys, SEC 1 PEM for EC private keys, PKIX PEM for RSA and EC
/// public keys. ML-DSA keys export as base64 of the FIPS 204 seed (private) and encoding (public).
/// </summary>
internal static class KeyExport
{
    public const string EncryptionKey = "encryption-key";
    public const string SigningKey = "signing-key";
    public const string HmacKey = "hmac-key";
    public const string PublicKey = "public-key";

    public static bool IsKnown(string exportType) => exportType is EncryptionKey or SigningKey or HmacKey or PublicKey;

    public static string Export(KeyPolicy policy, KeyVersion version, string exportType)
    {
        var type = policy.Type;
        return exportType switch
        {
            HmacKey => Convert.ToBase64String(version.HmacKey),
            EncryptionKey when type.IsSymmetric() => Convert.ToBase64String(version.Key!),
            EncryptionKey or SigningKey when type.IsRsa() => RsaKeys.Private(version).Rsa.ExportRSAPrivateKeyPem(),
            SigningKey when type.IsEcdsa() => EcdsaKeys.Private(version).ExportECPrivateKeyPem(),
            SigningKey when type == KeyType.Ed25519 => Convert.ToBase64String([.. version.Key!, .. version.PublicKey!]),
            SigningKey when type.IsMlDsa() => Convert.ToBase64String(version.Key!),
            PublicKey when type.HasPublicKey() => PublicKeyText(policy, version),
            _ => throw LogicalException.BadRequest($"export type {exportType} is not supported by {type.Name()} keys"),
        };
    }

    /// <summary>The public key as key info and <c>export/public-key</c> show it.</summary>
    public static string PublicKeyText(KeyPolicy policy, KeyVersion version) =>
        policy.Type.IsRsa() || policy.Type.IsEcdsa()
            ? PemEncoding.WriteString("PUBLIC KEY", version.PublicKey!)
            : Convert.ToBase64String(version.PublicKey!);

    /// <summary>The name key info gives each asymmetric version (Vault's curve or algorithm name).</summary>
    public static string AlgorithmName(KeyType type) => type switch
    {
        _ when type.IsEcdsa() => EcdsaKeys.CurveName(type),
        _ => type.Name(),
    };
}
