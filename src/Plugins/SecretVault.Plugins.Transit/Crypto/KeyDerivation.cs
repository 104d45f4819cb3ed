using System.Security.Cryptography;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>Per-context keys of derived keys: HKDF-SHA256(ikm = version key, salt = none, info = context), as Vault.</summary>
internal static class KeyDerivation
{
    public static byte[] Derive(KeyPolicy policy, byte[] versionKey, byte[]? context, int length)
    {
        if (context is null || context.Length == 0)
        {
            throw LogicalException.BadRequest("missing 'context' for key derivation; the key was created using a derived key, which means additional, per-request information must be included in order to perform operations with the key");
        }

        if (policy.Kdf is not (null or KeyPolicy.HkdfSha256))
        {
            throw LogicalException.BadRequest("unsupported key derivation function");
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, versionKey, length, salt: null, info: context);
    }
}
