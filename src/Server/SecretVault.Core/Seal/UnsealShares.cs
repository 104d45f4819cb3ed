using System.Security.Cryptography;
using SecretVault.Core.Barrier;
using SecretVault.Core.Shamir;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Seal;

/// <summary>The rules of unseal key shares, shared by init, unseal, root token generation and rekey.</summary>
internal static class UnsealShares
{
    /// <summary>A share's length: the bare 32-byte key when there is one share, else the key plus the x-coordinate byte.</summary>
    public static int ExpectedLength(SealConfigEntry config) => config.SecretShares == 1 ? PinnedKey.Length : PinnedKey.Length + 1;

    /// <summary>The shares of <paramref name="unsealKey"/>: the key itself when there is one share.</summary>
    public static IReadOnlyList<byte[]> Split(byte[] unsealKey, int shares, int threshold) =>
        shares == 1 ? [unsealKey.ToArray()] : ShamirSecretSharing.Split(unsealKey, shares, threshold);

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

    /// <summary>
    /// True when <paramref name="shares"/> combine to the unseal key that opens the stored root key. Every key
    /// rebuilt on the way is zeroed, whatever happens; the shares are left to the caller.
    /// </summary>
    public static async Task<bool> OpenRootKeyAsync(RootKeyStore rootKeys, SealConfigEntry config, IReadOnlyList<byte[]> shares, CancellationToken ct)
    {
        var unsealKey = CombineOrNull(config, shares);
        byte[]? rootKey = null;
        try
        {
            rootKey = unsealKey is null ? null : await rootKeys.TryReadAsync(config, unsealKey, ct).ConfigureAwait(false);
            return rootKey is not null;
        }
        finally
        {
            if (unsealKey is not null)
            {
                CryptographicOperations.ZeroMemory(unsealKey);
            }

            if (rootKey is not null)
            {
                CryptographicOperations.ZeroMemory(rootKey);
            }
        }
    }

    /// <summary>400 unless <paramref name="shares"/> and <paramref name="threshold"/> make a valid split, with Vault's messages.</summary>
    public static void Validate(int shares, int threshold)
    {
        var error = (shares, threshold) switch
        {
            (< 1, _) => "shares must be at least one",
            (_, < 1) => "threshold must be at least one",
            ( > 1, 1) => "threshold must be greater than one for multiple shares",
            ( > 255, _) => "shares must be less than 256",
            (_, > 255) => "threshold must be less than 256",
            _ when threshold > shares => "threshold cannot be larger than shares",
            _ => null,
        };
        if (error is not null)
        {
            throw LogicalException.BadRequest(error);
        }
    }
}
