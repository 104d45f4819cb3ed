using System.Security.Cryptography;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>
/// Encrypts and decrypts with one key version. Symmetric layout, as Vault's: nonce (12 bytes) | ciphertext | tag
/// (16 bytes). The nonce is random for every encryption, except in convergent mode, where it is the first 12
/// bytes of HMAC-SHA256(derived HMAC key, plaintext) (Vault's convergent version 3), so equal inputs give equal output.
/// RSA keys encrypt with OAEP over SHA-256.
/// </summary>
internal static class Encryption
{
    public const int NonceLength = 12;
    public const int TagLength = 16;
    private const int ConvergentHmacKeyLength = 32;

    public static byte[] Encrypt(KeyPolicy policy, KeyVersion version, byte[] plaintext, byte[]? context, byte[]? associatedData)
    {
        if (policy.Type.IsRsa())
        {
            RefuseAssociatedData(associatedData);
            try
            {
                return RsaKeys.Private(version).Rsa.Encrypt(plaintext, RSAEncryptionPadding.OaepSHA256);
            }
            catch (CryptographicException)
            {
                throw LogicalException.BadRequest("plaintext is too long for the RSA key");
            }
        }

        RequireEncryption(policy);
        if (policy.ConvergentEncryption && associatedData is { Length: > 0 })
        {
            // The convergent nonce depends on the plaintext only: two AADs would reuse a (key, nonce) pair.
            throw LogicalException.BadRequest("associated_data is not supported by convergent keys");
        }

        var (key, hmacKey) = SymmetricKey(policy, version, context);
        try
        {
            var output = new byte[NonceLength + plaintext.Length + TagLength];
            var nonce = output.AsSpan(0, NonceLength);
            if (hmacKey is not null)
            {
                HMACSHA256.HashData(hmacKey, plaintext).AsSpan(0, NonceLength).CopyTo(nonce);
            }
            else
            {
                RandomNumberGenerator.Fill(nonce);
            }

            var body = output.AsSpan(NonceLength, plaintext.Length);
            var tag = output.AsSpan(NonceLength + plaintext.Length);
            if (policy.Type == KeyType.ChaCha20Poly1305)
            {
                using var chacha = new ChaCha20Poly1305(key);
                chacha.Encrypt(nonce, plaintext, body, tag, associatedData);
            }
            else
            {
                using var aes = new AesGcm(key, TagLength);
                aes.Encrypt(nonce, plaintext, body, tag, associatedData);
            }

            return output;
        }
        finally
        {
            ZeroDerived(policy, key, hmacKey);
        }
    }

    public static byte[] Decrypt(KeyPolicy policy, KeyVersion version, byte[] raw, byte[]? context, byte[]? associatedData)
    {
        if (policy.Type.IsRsa())
        {
            RefuseAssociatedData(associatedData);
            try
            {
                return RsaKeys.Private(version).Rsa.Decrypt(raw, RSAEncryptionPadding.OaepSHA256);
            }
            catch (CryptographicException)
            {
                throw LogicalException.BadRequest("failed to RSA decrypt the ciphertext: decryption error");
            }
        }

        RequireEncryption(policy);
        if (raw.Length < NonceLength + TagLength)
        {
            throw LogicalException.BadRequest("invalid ciphertext: too short");
        }

        var (key, hmacKey) = SymmetricKey(policy, version, context);
        try
        {
            var nonce = raw.AsSpan(0, NonceLength);
            var body = raw.AsSpan(NonceLength, raw.Length - NonceLength - TagLength);
            var tag = raw.AsSpan(raw.Length - TagLength);
            var plaintext = new byte[body.Length];
            if (policy.Type == KeyType.ChaCha20Poly1305)
            {
                using var chacha = new ChaCha20Poly1305(key);
                chacha.Decrypt(nonce, body, tag, plaintext, associatedData);
            }
            else
            {
                using var aes = new AesGcm(key, TagLength);
                aes.Decrypt(nonce, body, tag, plaintext, associatedData);
            }

            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw LogicalException.BadRequest("cipher: message authentication failed");
        }
        finally
        {
            ZeroDerived(policy, key, hmacKey);
        }
    }

    private static (byte[] Key, byte[]? ConvergentHmacKey) SymmetricKey(KeyPolicy policy, KeyVersion version, byte[]? context)
    {
        var versionKey = version.Key ?? throw new InvalidOperationException("a symmetric key version has a key");
        if (!policy.Derived)
        {
            return (versionKey, null);
        }

        var length = policy.Type.SymmetricKeyLength();
        if (!policy.ConvergentEncryption)
        {
            return (KeyDerivation.Derive(policy, versionKey, context, length), null);
        }

        var derived = KeyDerivation.Derive(policy, versionKey, context, length + ConvergentHmacKeyLength);
        var key = derived[..length];
        var hmacKey = derived[length..];
        CryptographicOperations.ZeroMemory(derived);
        return (key, hmacKey);
    }

    private static void ZeroDerived(KeyPolicy policy, byte[] key, byte[]? hmacKey)
    {
        if (policy.Derived)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        if (hmacKey is not null)
        {
            CryptographicOperations.ZeroMemory(hmacKey);
        }
    }

    private static void RequireEncryption(KeyPolicy policy)
    {
        if (!policy.Type.IsSymmetric())
        {
            throw LogicalException.BadRequest($"key type {policy.Type.Name()} does not support encryption");
        }
    }

    private static void RefuseAssociatedData(byte[]? associatedData)
    {
        if (associatedData is { Length: > 0 })
        {
            throw LogicalException.BadRequest("associated_data is not supported by RSA keys");
        }
    }
}
