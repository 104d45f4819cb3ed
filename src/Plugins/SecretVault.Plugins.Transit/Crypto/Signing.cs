using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>
/// Signs and verifies with one key version: ECDSA over the digest (ASN.1 DER, or r|s for JWS), Ed25519 and ML-DSA
/// over the message itself (pure mode, empty context), RSA with PSS or PKCS#1 v1.5 (<see cref="RsaSignatures"/>).
/// </summary>
internal static class Signing
{
    public static byte[] Sign(KeyPolicy policy, KeyVersion version, byte[] input, byte[]? context, SignOptions options)
    {
        RequireSigning(policy);
        switch (policy.Type)
        {
            case KeyType.Ed25519:
                RefusePrehashed(policy, options);
                var signer = new Ed25519Signer();
                signer.Init(true, Ed25519Private(policy, version, context));
                signer.BlockUpdate(input, 0, input.Length);
                return signer.GenerateSignature();
            case var t when t.IsMlDsa():
                RefusePrehashed(policy, options);
                var mlDsa = new MLDsaSigner(MlDsaKeys.Parameters(t), deterministic: false);
                mlDsa.Init(true, MlDsaKeys.Private(t, version));
                mlDsa.BlockUpdate(input, 0, input.Length);
                return mlDsa.GenerateSignature();
            case var t when t.IsEcdsa():
                return EcdsaKeys.Private(version).SignHash(Digest(input, options), EcdsaFormat(options));
            default:
                return RsaSignatures.Sign(RsaKeys.Private(version), input, options);
        }
    }

    public static bool Verify(KeyPolicy policy, KeyVersion version, byte[] input, byte[] signature, byte[]? context, SignOptions options)
    {
        RequireSigning(policy);
        switch (policy.Type)
        {
            case KeyType.Ed25519:
                RefusePrehashed(policy, options);
                var verifier = new Ed25519Signer();
                verifier.Init(false, Ed25519Public(policy, version, context));
                verifier.BlockUpdate(input, 0, input.Length);
                return verifier.VerifySignature(signature);
            case var t when t.IsMlDsa():
                RefusePrehashed(policy, options);
                var mlDsa = new MLDsaSigner(MlDsaKeys.Parameters(t), deterministic: false);
                mlDsa.Init(false, MlDsaKeys.Private(t, version).GetPublicKey());
                mlDsa.BlockUpdate(input, 0, input.Length);
                return mlDsa.VerifySignature(signature);
            case var t when t.IsEcdsa():
                return EcdsaKeys.Private(version).VerifyHash(Digest(input, options), signature, EcdsaFormat(options));
            default:
                return RsaSignatures.Verify(RsaKeys.Private(version), input, signature, options);
        }
    }

    /// <summary>The Ed25519 public key of a version, or of <paramref name="context"/>'s key when the key is derived.</summary>
    public static byte[] Ed25519PublicKey(KeyPolicy policy, KeyVersion version, byte[]? context) =>
        Ed25519Public(policy, version, context).GetEncoded();

    private static Ed25519PrivateKeyParameters Ed25519Private(KeyPolicy policy, KeyVersion version, byte[]? context)
    {
        var seed = version.Key ?? throw new InvalidOperationException("an Ed25519 key version has a seed");
        if (!policy.Derived)
        {
            return version.Handle(static v => new Ed25519PrivateKeyParameters(v.Key));
        }

        var derived = KeyDerivation.Derive(policy, seed, context, Ed25519PrivateKeyParameters.KeySize);
        try
        {
            return new Ed25519PrivateKeyParameters(derived);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    private static Ed25519PublicKeyParameters Ed25519Public(KeyPolicy policy, KeyVersion version, byte[]? context) =>
        policy.Derived ? Ed25519Private(policy, version, context).GeneratePublicKey() : new Ed25519PublicKeyParameters(version.PublicKey);

    private static byte[] Digest(byte[] input, SignOptions options)
    {
        var hash = options.Hash ?? throw LogicalException.BadRequest("hash_algorithm none is only supported with RSA keys, prehashed=true and signature_algorithm=pkcs1v15");
        if (!options.Prehashed)
        {
            return hash.Hash(input);
        }

        return input.Length == hash.Size ? input : throw LogicalException.BadRequest($"prehashed input must be a {hash.Name} digest of {hash.Size} bytes");
    }

    private static DSASignatureFormat EcdsaFormat(SignOptions options) =>
        options.Jws ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;

    private static void RequireSigning(KeyPolicy policy)
    {
        if (!policy.Type.SupportsSigning())
        {
            throw LogicalException.BadRequest($"key type {policy.Type.Name()} does not support signing");
        }
    }

    private static void RefusePrehashed(KeyPolicy policy, SignOptions options)
    {
        if (options.Prehashed)
        {
            throw LogicalException.BadRequest($"prehashed input is not supported by {policy.Type.Name()} keys");
        }
    }
}
