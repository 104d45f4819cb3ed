using System.Security.Cryptography;
using System.Text;

namespace SecretVault.Client;

/// <summary>
/// The client side of root token generation, done locally as the vault CLI does so the OTP never travels:
/// a base62 OTP from the OS CSPRNG, and decoding (base64 without padding of token XOR OTP).
/// </summary>
public static class RootTokenOtp
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new OTP of <paramref name="length"/> base62 characters.</summary>
    public static string Generate(int length) => RandomNumberGenerator.GetString(Base62, length);

    /// <summary>The token inside <paramref name="encoded"/>; <see cref="FormatException"/> when it is not this OTP's encoding.</summary>
    public static string Decode(string encoded, string otp)
    {
        var trimmed = encoded.Trim();
        var bytes = new byte[trimmed.Length];
        if (!Convert.TryFromBase64String(trimmed + new string('=', (4 - (trimmed.Length % 4)) % 4), bytes, out var written))
        {
            throw new FormatException("the encoded token is not base64");
        }

        var pad = Encoding.UTF8.GetBytes(otp);
        if (written != pad.Length)
        {
            throw new FormatException($"the OTP has {pad.Length} characters but the encoded token {written} bytes");
        }

        for (var i = 0; i < written; i++)
        {
            bytes[i] ^= pad[i];
        }

        return Encoding.UTF8.GetString(bytes, 0, written);
    }
}
