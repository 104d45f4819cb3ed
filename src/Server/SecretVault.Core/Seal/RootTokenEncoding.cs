using System.Text;

namespace SecretVault.Core.Seal;

/// <summary>
/// Vault's one-time-pad encoding of a generated root token: the token's bytes XOR the OTP's bytes, in base64
/// without padding. The OTP has the token's length, so the encoded token reveals nothing without it.
/// </summary>
public static class RootTokenEncoding
{
    /// <summary>Encodes <paramref name="token"/> with <paramref name="otp"/> (same length).</summary>
    public static string Encode(string token, string otp)
    {
        var bytes = Xor(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(otp));
        return Convert.ToBase64String(bytes).TrimEnd('=');
    }

    /// <summary>The token inside <paramref name="encoded"/>; <see cref="FormatException"/> when it is not this OTP's encoding.</summary>
    public static string Decode(string encoded, string otp)
    {
        var trimmed = encoded.Trim();
        var padded = trimmed + new string('=', (4 - (trimmed.Length % 4)) % 4);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            throw new FormatException("encoded_token is not valid base64");
        }

        return Encoding.UTF8.GetString(Xor(bytes, Encoding.UTF8.GetBytes(otp)));
    }

    private static byte[] Xor(byte[] value, byte[] otp)
    {
        if (value.Length != otp.Length)
        {
            throw new FormatException("the OTP and the encoded token differ in length");
        }

        for (var i = 0; i < value.Length; i++)
        {
            value[i] ^= otp[i];
        }

        return value;
    }
}
