using System.Security.Cryptography;
using SecretVault.Plugins.Transit.Keys;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>Curves and loaded keys of the ecdsa-* types.</summary>
internal static class EcdsaKeys
{
    public static ECCurve Curve(KeyType type) => type switch
    {
        KeyType.EcdsaP256 => ECCurve.NamedCurves.nistP256,
        KeyType.EcdsaP384 => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };

    /// <summary>The curve's name as Vault shows it in key info.</summary>
    public static string CurveName(KeyType type) => type switch
    {
        KeyType.EcdsaP256 => "P-256",
        KeyType.EcdsaP384 => "P-384",
        _ => "P-521",
    };

    public static ECDsa Private(KeyVersion version) => version.Handle(static v =>
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(v.Key, out _);
        return ecdsa;
    });
}
