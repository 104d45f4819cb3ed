using System.Buffers.Text;
using System.Globalization;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Crypto;

/// <summary>
/// The <c>vault:v&lt;version&gt;:&lt;base64&gt;</c> strings transit answers for ciphertexts, signatures and HMACs.
/// The prefix stays <c>vault:</c> so values made by Vault or OpenBao parse unchanged.
/// </summary>
internal static class Ciphertext
{
    private const string Prefix = "vault:v";

    public static string Format(int version, ReadOnlySpan<byte> raw, bool urlSafe = false) =>
        $"{Prefix}{version.ToString(CultureInfo.InvariantCulture)}:{(urlSafe ? Base64Url.EncodeToString(raw) : Convert.ToBase64String(raw))}";

    /// <summary>
    /// Splits <paramref name="value"/> into its version and bytes; <paramref name="noun"/> names it in errors
    /// (<c>ciphertext</c>, <c>signature</c>). The errors are Vault's.
    /// </summary>
    public static (int Version, byte[] Raw) Parse(string value, string noun = "ciphertext", bool urlSafe = false)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw LogicalException.BadRequest($"invalid {noun}: no prefix");
        }

        var fields = value.Split(':');
        if (fields.Length != 3)
        {
            throw LogicalException.BadRequest($"invalid {noun}: wrong number of fields");
        }

        if (!int.TryParse(fields[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
        {
            throw LogicalException.BadRequest($"invalid {noun}: version number could not be decoded");
        }

        try
        {
            return (version, urlSafe ? Base64Url.DecodeFromChars(fields[2]) : Convert.FromBase64String(fields[2]));
        }
        catch (FormatException)
        {
            throw LogicalException.BadRequest($"invalid {noun}: could not decode base64");
        }
    }
}
