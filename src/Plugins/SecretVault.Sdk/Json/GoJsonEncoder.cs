using System.Text.Encodings.Web;

namespace SecretVault.Sdk.Json;

/// <summary>
/// Escapes JSON strings exactly as Go's encoding/json does (Vault's encoder, HTML escaping on): <c>"</c> and
/// <c>\</c>; <c>\b \f \n \r \t</c> as short escapes (Go 1.22 and later); other control characters, <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 as <c>\u00xx</c> with lower-case hex; everything else, non-ASCII
/// included, as raw UTF-8. .NET's encoders also escape <c>+</c> and <c>'</c> and write upper-case hex, which a
/// client comparing bytes with Vault's would notice.
/// </summary>
/// <remarks>
/// This file is compiled into the Sdk and, linked, into the HTTP client (which may reference no other project), so
/// that the server's responses and vaultcli's output share one definition.
/// </remarks>
internal sealed class GoJsonEncoder : JavaScriptEncoder
{
    private const string Hex = "0123456789abcdef";

    public static GoJsonEncoder Instance { get; } = new();

    private GoJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' or '<' or '>' or '&' or 0x2028 or 0x2029
        || (unicodeScalar is >= 0xD800 and <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
                continue;
            }

            if (WillEncode(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => null,
        };
        if (escape is not null)
        {
            return Write(escape, output, out numberOfCharactersWritten);
        }

        if (unicodeScalar is >= 0xD800 and <= 0xDFFF)
        {
            // A lone surrogate (from a "\ud800" escape) becomes U+FFFD, as Go's decoder makes it before Vault writes it.
            return Write("\uFFFD", output, out numberOfCharactersWritten);
        }

        if (!WillEncode(unicodeScalar))
        {
            return Write(char.ConvertFromUtf32(unicodeScalar), output, out numberOfCharactersWritten);
        }

        var code = unicodeScalar;
        Span<char> unicode = ['\\', 'u', Hex[(code >> 12) & 0xF], Hex[(code >> 8) & 0xF], Hex[(code >> 4) & 0xF], Hex[code & 0xF]];
        return Write(unicode, output, out numberOfCharactersWritten);
    }

    private static bool Write(ReadOnlySpan<char> text, Span<char> output, out int written)
    {
        if (!text.TryCopyTo(output))
        {
            written = 0;
            return false;
        }

        written = text.Length;
        return true;
    }
}
