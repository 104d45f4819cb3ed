using System.Security.Cryptography;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>Random (version 4) UUIDs from the OS CSPRNG; secret IDs are credentials, so Guid.NewGuid's source is not assumed.</summary>
internal static class Uuids
{
    public static string NewRandom()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
