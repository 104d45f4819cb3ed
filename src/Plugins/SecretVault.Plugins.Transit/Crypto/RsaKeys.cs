using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using SecretVault.Plugins.Transit.Keys;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>
/// A loaded RSA key version: .NET's object for OAEP, BouncyCastle's parameters for signatures (PSS with Go's
/// salt lengths and PKCS#1 v1.5 over SHA-224 and SHA-3, which .NET's API does not offer).
/// </summary>
internal sealed class RsaKeys : IDisposable
{
    private RsaKeys(RSA rsa, RsaPrivateCrtKeyParameters parameters)
    {
        Rsa = rsa;
        Parameters = parameters;
    }

    public RSA Rsa { get; }

    public RsaPrivateCrtKeyParameters Parameters { get; }

    public int ModulusBits => Parameters.Modulus.BitLength;

    public static RsaKeys Private(KeyVersion version) => version.Handle(static v =>
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(v.Key, out _);
        return new RsaKeys(rsa, (RsaPrivateCrtKeyParameters)PrivateKeyFactory.CreateKey(v.Key));
    });

    public void Dispose() => Rsa.Dispose();
}
