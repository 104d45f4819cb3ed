namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>
/// How to sign or verify: the hash (null for <c>none</c>), whether the input already is the digest, RSA's padding
/// (<c>pss</c> or <c>pkcs1v15</c>) and salt length (<c>auto</c>, <c>hash</c> or a number), and the encoding
/// (<c>asn1</c>, or <c>jws</c>: fixed-width ECDSA r|s and URL-safe base64).
/// </summary>
internal sealed record SignOptions(DigestAlgorithm? Hash, bool Prehashed, string SignatureAlgorithm, string SaltLength, string Marshaling)
{
    public bool Jws => Marshaling == "jws";
}
