using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Crypto.Digests;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>The hash functions transit accepts, by name (<c>sha2-256</c>, <c>sha3-512</c>, ...).</summary>
internal static class DigestAlgorithms
{
    private static readonly Dictionary<string, DigestAlgorithm> ByName = new DigestAlgorithm[]
    {
        new("sha1", OiwObjectIdentifiers.IdSha1, () => new Sha1Digest(), SHA1.HashData, HMACSHA1.HashData),
        new("sha2-224", NistObjectIdentifiers.IdSha224, () => new Sha224Digest()),
        new("sha2-256", NistObjectIdentifiers.IdSha256, () => new Sha256Digest(), SHA256.HashData, HMACSHA256.HashData),
        new("sha2-384", NistObjectIdentifiers.IdSha384, () => new Sha384Digest(), SHA384.HashData, HMACSHA384.HashData),
        new("sha2-512", NistObjectIdentifiers.IdSha512, () => new Sha512Digest(), SHA512.HashData, HMACSHA512.HashData),
        new("sha3-224", NistObjectIdentifiers.IdSha3_224, () => new Sha3Digest(224)),
        new("sha3-256", NistObjectIdentifiers.IdSha3_256, () => new Sha3Digest(256)),
        new("sha3-384", NistObjectIdentifiers.IdSha3_384, () => new Sha3Digest(384)),
        new("sha3-512", NistObjectIdentifiers.IdSha3_512, () => new Sha3Digest(512)),
    }.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public static DigestAlgorithm Sha256 => ByName["sha2-256"];

    /// <summary>The algorithm called <paramref name="name"/>; sha1 only where signatures allow it.</summary>
    public static DigestAlgorithm Get(string name, bool allowSha1 = false) =>
        ByName.TryGetValue(name, out var algorithm) && (allowSha1 || name != "sha1")
            ? algorithm
            : throw LogicalException.BadRequest($"unsupported algorithm {name}");
}
