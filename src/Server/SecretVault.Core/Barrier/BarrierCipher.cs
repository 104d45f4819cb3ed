using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SecretVault.Core.Barrier;

/// <summary>
/// The barrier's value format: <c>term (4, big-endian) | version (1) | nonce (12) | ciphertext | tag (16)</c>,
/// AES-256-GCM. The associated data is the 5-byte header followed by the storage path, so a value
/// moved to another path, or relabelled with another term, fails authentication.
/// </summary>
public static class BarrierCipher
{
    /// <summary>The only format version written and read.</summary>
    public const byte Version = 2;

    public const int NonceLength = 12;

    public const int TagLength = 16;

    public const int HeaderLength = 5;

    /// <summary>The bytes a value grows by when encrypted.</summary>
    public const int Overhead = HeaderLength + NonceLength + TagLength;

    /// <summary>Encrypts <paramref name="plaintext"/> for <paramref name="path"/> under <paramref name="key"/> labelled with <paramref name="term"/>.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, uint term, ReadOnlySpan<byte> plaintext, string path)
    {
        var blob = new byte[Overhead + plaintext.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, term);
        blob[4] = Version;
        var nonce = blob.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = blob.AsSpan(HeaderLength + NonceLength, plaintext.Length);
        var tag = blob.AsSpan(HeaderLength + NonceLength + plaintext.Length, TagLength);
        using var gcm = new AesGcm(key, TagLength);
        gcm.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(blob.AsSpan(0, HeaderLength), path));
        return blob;
    }

    /// <summary>Decrypts <paramref name="blob"/> stored at <paramref name="path"/>; any tampering throws <see cref="BarrierIntegrityException"/>.</summary>
    public static byte[] Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> blob, string path)
    {
        if (blob.Length < Overhead || blob[4] != Version)
        {
            throw new BarrierIntegrityException();
        }

        var plaintext = new byte[blob.Length - Overhead];
        try
        {
            using var gcm = new AesGcm(key, TagLength);
            gcm.Decrypt(
                blob.Slice(HeaderLength, NonceLength),
                blob.Slice(HeaderLength + NonceLength, plaintext.Length),
                blob[^TagLength..],
                plaintext,
                AssociatedData(blob[..HeaderLength], path));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new BarrierIntegrityException("stored value failed integrity check", ex);
        }
    }

    /// <summary>The key term a stored value was written under.</summary>
    public static uint ReadTerm(ReadOnlySpan<byte> blob) =>
        blob.Length < HeaderLength ? throw new BarrierIntegrityException() : BinaryPrimitives.ReadUInt32BigEndian(blob);

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string path)
    {
        var aad = new byte[header.Length + Encoding.UTF8.GetByteCount(path)];
        header.CopyTo(aad);
        Encoding.UTF8.GetBytes(path, aad.AsSpan(header.Length));
        return aad;
    }
}
