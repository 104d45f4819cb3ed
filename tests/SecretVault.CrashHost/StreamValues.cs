using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecretVault.CrashHost;

/// <summary>The deterministic value written for each index, so the verifier knows what intact means.</summary>
public static class StreamValues
{
    public static string KeyOf(long index) => "stream/" + index.ToString("D8", CultureInfo.InvariantCulture);

    public static byte[] ValueOf(long index)
    {
        var size = 200 + (int)(index * 7919 % 3800);
        var value = new byte[size];
        var block = SHA256.HashData(Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < size; i++)
        {
            if (i % block.Length == 0 && i > 0)
            {
                block = SHA256.HashData(block);
            }

            value[i] = block[i % block.Length];
        }

        return value;
    }
}
