using Org.BouncyCastle.Crypto.Parameters;
using SecretVault.Plugins.Transit.Keys;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>Parameter sets and loaded keys of the ml-dsa-* types (FIPS 204, BouncyCastle).</summary>
internal static class MlDsaKeys
{
    public static MLDsaParameters Parameters(KeyType type) => type switch
    {
        KeyType.MlDsa44 => MLDsaParameters.ml_dsa_44,
        KeyType.MlDsa65 => MLDsaParameters.ml_dsa_65,
        _ => MLDsaParameters.ml_dsa_87,
    };

    public static MLDsaPrivateKeyParameters FromSeed(KeyType type, byte[] seed) => MLDsaPrivateKeyParameters.FromSeed(Parameters(type), seed);

    public static MLDsaPrivateKeyParameters Private(KeyType type, KeyVersion version) =>
        version.Handle(v => FromSeed(type, v.Key ?? throw new InvalidOperationException("an ML-DSA key version has a seed")));
}
