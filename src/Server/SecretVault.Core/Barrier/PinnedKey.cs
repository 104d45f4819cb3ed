using System.Security.Cryptography;

namespace SecretVault.Core.Barrier;

/// <summary>New 256-bit keys from the OS CSPRNG, in pinned arrays (the GC never copies them, so zeroing reaches every copy).</summary>
internal static class PinnedKey
{
    public const int Length = 32;

    public static byte[] New()
    {
        var key = GC.AllocateArray<byte>(Length, pinned: true);
        RandomNumberGenerator.Fill(key);
        return key;
    }
}
