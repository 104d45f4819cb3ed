using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>
/// One hash function by its transit name: digest, HMAC and the OID a PKCS#1 v1.5 signature embeds. The common
/// SHA-2 sizes run on .NET's (OpenSSL's) code; SHA-224 and SHA-3 on BouncyCastle, which has them on every platform.
/// </summary>
internal sealed class DigestAlgorithm
{
    private readonly Func<IDigest> _newDigest;
    private readonly Func<byte[], byte[]>? _fastHash;
    private readonly Func<byte[], byte[], byte[]>? _fastHmac;

    public DigestAlgorithm(string name, DerObjectIdentifier oid, Func<IDigest> newDigest, Func<byte[], byte[]>? fastHash = null, Func<byte[], byte[], byte[]>? fastHmac = null)
    {
        Name = name;
        Oid = oid;
        _newDigest = newDigest;
        _fastHash = fastHash;
        _fastHmac = fastHmac;
        Size = newDigest().GetDigestSize();
    }

    public string Name { get; }

    /// <summary>Digest length in bytes.</summary>
    public int Size { get; }

    public DerObjectIdentifier Oid { get; }

    public IDigest NewDigest() => _newDigest();

    public byte[] Hash(byte[] data)
    {
        if (_fastHash is not null)
        {
            return _fastHash(data);
        }

        var digest = _newDigest();
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }

    public byte[] Hmac(byte[] key, byte[] data)
    {
        if (_fastHmac is not null)
        {
            return _fastHmac(key, data);
        }

        var mac = new HMac(_newDigest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data, 0, data.Length);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return output;
    }
}
