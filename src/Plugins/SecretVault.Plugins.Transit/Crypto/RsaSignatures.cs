using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Signers;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>
/// RSA signatures as Vault makes them: PSS (default) with the salt as long as the key allows (Go's "auto"), the
/// digest's length ("hash") or a given length; or PKCS#1 v1.5 over a DigestInfo, or over the raw input for
/// <c>hash_algorithm=none</c>.
/// </summary>
internal static class RsaSignatures
{
    public static byte[] Sign(RsaKeys key, byte[] input, SignOptions options)
    {
        if (options.SignatureAlgorithm == "pkcs1v15")
        {
            var encoded = Pkcs1Payload(input, options);
            var pkcs1 = new Pkcs1Encoding(new RsaBlindedEngine());
            pkcs1.Init(true, key.Parameters);
            if (encoded.Length > pkcs1.GetInputBlockSize())
            {
                throw LogicalException.BadRequest("input is too long for the RSA key");
            }

            return pkcs1.ProcessBlock(encoded, 0, encoded.Length);
        }

        var (hash, digest) = PssDigest(input, options);
        var signer = PssSigner.CreateRawSigner(new RsaBlindedEngine(), hash.NewDigest(), hash.NewDigest(), SaltLengths(key, hash, options)[0], PssSigner.TrailerImplicit);
        signer.Init(true, key.Parameters);
        signer.BlockUpdate(digest, 0, digest.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(RsaKeys key, byte[] input, byte[] signature, SignOptions options)
    {
        var publicKey = new Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters(false, key.Parameters.Modulus, key.Parameters.PublicExponent);
        if (options.SignatureAlgorithm == "pkcs1v15")
        {
            var expected = Pkcs1Payload(input, options);
            var pkcs1 = new Pkcs1Encoding(new RsaBlindedEngine());
            pkcs1.Init(false, publicKey);
            try
            {
                var recovered = pkcs1.ProcessBlock(signature, 0, signature.Length);
                return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(recovered, expected);
            }
            catch (InvalidCipherTextException)
            {
                return false;
            }
            catch (DataLengthException)
            {
                return false;
            }
        }

        var (hash, digest) = PssDigest(input, options);
        foreach (var saltLength in SaltLengths(key, hash, options))
        {
            var verifier = PssSigner.CreateRawSigner(new RsaBlindedEngine(), hash.NewDigest(), hash.NewDigest(), saltLength, PssSigner.TrailerImplicit);
            verifier.Init(false, publicKey);
            verifier.BlockUpdate(digest, 0, digest.Length);
            try
            {
                if (verifier.VerifySignature(signature))
                {
                    return true;
                }
            }
            catch (DataLengthException)
            {
                return false;
            }
        }

        return false;
    }

    private static byte[] Pkcs1Payload(byte[] input, SignOptions options)
    {
        if (options.Hash is null)
        {
            // PKCSv1_5_NoOID: the caller's bytes are signed as they are.
            return options.Prehashed ? input : throw LogicalException.BadRequest("hash_algorithm none requires prehashed=true");
        }

        var digest = options.Prehashed ? CheckedDigest(input, options.Hash) : options.Hash.Hash(input);
        return new DigestInfo(new AlgorithmIdentifier(options.Hash.Oid, DerNull.Instance), digest).GetDerEncoded();
    }

    private static (DigestAlgorithm Hash, byte[] Digest) PssDigest(byte[] input, SignOptions options)
    {
        if (options.SignatureAlgorithm != "pss")
        {
            throw LogicalException.BadRequest($"unsupported rsa signature algorithm {options.SignatureAlgorithm}");
        }

        var hash = options.Hash ?? throw LogicalException.BadRequest("hash_algorithm none requires signature_algorithm=pkcs1v15");
        return (hash, options.Prehashed ? CheckedDigest(input, hash) : hash.Hash(input));
    }

    private static byte[] CheckedDigest(byte[] input, DigestAlgorithm hash) =>
        input.Length == hash.Size ? input : throw LogicalException.BadRequest($"prehashed input must be a {hash.Name} digest of {hash.Size} bytes");

    /// <summary>The salt lengths to use; "auto" signs with the longest and verifies either the longest or the digest's.</summary>
    private static int[] SaltLengths(RsaKeys key, DigestAlgorithm hash, SignOptions options)
    {
        var maximum = ((key.ModulusBits - 1 + 7) / 8) - hash.Size - 2;
        return options.SaltLength switch
        {
            "auto" => [maximum, hash.Size],
            "hash" => [hash.Size],
            _ when int.TryParse(options.SaltLength, out var n) && n >= 0 && n <= maximum => [n],
            _ => throw LogicalException.BadRequest($"salt length must be \"auto\", \"hash\" or a number from 0 to {maximum}"),
        };
    }
}
