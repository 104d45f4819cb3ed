using SecretVault.Core.Shamir;

namespace SecretVault.Core.Seal;

/// <summary>How the shares of one seal configuration become the unseal key, for unseal and for root token generation.</summary>
internal static class UnsealShares
{
    private const int KeyLength = 32;

    /// <summary>A share's length: the bare 32-byte key when there is one share, else the key plus the x-coordinate byte.</summary>
    public static int ExpectedLength(SealConfigEntry config) => config.SecretShares == 1 ? KeyLength : KeyLength + 1;

    /// <summary>The unseal key in a new array the caller must zero, or null when the shares do not combine.</summary>
    public static byte[]? CombineOrNull(SealConfigEntry config, IReadOnlyList<byte[]> shares)
    {
        if (config.SecretShares == 1)
        {
            return shares[0].ToArray();
        }

        try
        {
            return ShamirSecretSharing.Combine(shares);
        }
        catch (ShamirException)
        {
            return null;
        }
    }
}
