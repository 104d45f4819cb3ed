using System.Security.Cryptography;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Seal;

/// <summary>
/// Decodes an unseal key share as Vault does: hex first, then standard base64 when the text is not
/// hex or decodes to a length no share can have.
/// </summary>
public static class UnsealKeyDecoder
{
    private const string Invalid = "'key' must be a valid hex or base64 string";

    // A share is a 16- to 32-byte key plus one x-coordinate byte; an unsplit key is 16, 24 or 32 bytes.
    private const int MinLength = 16;
    private const int MaxLength = 33;

    /// <summary>The share's bytes; throws <see cref="FormatException"/> that never contains the key.</summary>
    public static byte[] Decode(string key)
    {
        key = key.Trim();
        if (key.Length % 2 == 0 && key.All(char.IsAsciiHexDigit))
        {
            var hex = Convert.FromHexString(key);
            if (hex.Length is >= MinLength and <= MaxLength)
            {
                return hex;
            }

            CryptographicOperations.ZeroMemory(hex);
        }

        var buffer = new byte[(key.Length * 3 / 4) + 3];
        try
        {
            if (Convert.TryFromBase64String(key, buffer, out var written) && written is >= MinLength and <= MaxLength)
            {
                return buffer[..written];
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        throw new FormatException(Invalid);
    }

    /// <summary><see cref="Decode"/> for a request's <c>key</c> field: a bad key is a 400 with Vault's message.</summary>
    public static byte[] DecodeField(string key)
    {
        try
        {
            return Decode(key);
        }
        catch (FormatException ex)
        {
            throw LogicalException.BadRequest(ex.Message);
        }
    }
}
