namespace SecretVault.Core.Shamir;

/// <summary>
/// Arithmetic in GF(2^8) with the AES polynomial x^8+x^4+x^3+x+1. Every operation runs in constant
/// time: no lookup tables and no data-dependent branches, because table lookups leak through the
/// cache (CVE-2023-25000).
/// </summary>
internal static class GaloisField
{
    public static byte Add(byte a, byte b) => (byte)(a ^ b);

    public static byte Multiply(byte a, byte b)
    {
        int product = 0;
        int x = a;
        int y = b;
        for (var i = 0; i < 8; i++)
        {
            product ^= x & -(y & 1);
            y >>= 1;
            var carry = (x >> 7) & 1;
            x = (x << 1) & 0xFF;
            x ^= 0x1B & -carry;
        }

        return (byte)product;
    }

    /// <summary>a^254 = a^-1 for a != 0 (and 0 for 0), by a fixed square-and-multiply chain.</summary>
    public static byte Inverse(byte a)
    {
        byte power = a;
        byte result = 1;
        for (var i = 0; i < 7; i++)
        {
            power = Multiply(power, power);
            result = Multiply(result, power);
        }

        return result;
    }

    public static byte Divide(byte a, byte b) => Multiply(a, Inverse(b));
}
