using System.Text;
using System.Text.Json;
using SecretVault.Sdk.Json;

namespace SecretVault.Sdk.Tests.Json;

/// <summary>Every class of character, escaped as Go's encoding/json (Vault's encoder) writes it, byte for byte.</summary>
public sealed class VaultJsonTests
{
    /// <summary>The text, and Go's JSON string of it (json.Marshal, Go 1.22 and later).</summary>
    public static TheoryData<string, string> Classes => new()
    {
        { "abc XYZ 0189 ~!@#$%^*()_-=[]{}|;:,./?`", "\"abc XYZ 0189 ~!@#$%^*()_-=[]{}|;:,./?`\"" },
        { "a+b 'q'", "\"a+b 'q'\"" },
        { "<a href=\"x\">&amp;</a>", "\"\\u003ca href=\\\"x\\\"\\u003e\\u0026amp;\\u003c/a\\u003e\"" },
        { "back\\slash \"quote\"", "\"back\\\\slash \\\"quote\\\"\"" },
        { "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"" },
        { "\u0000\u0001\u000b\u001b\u001f", "\"\\u0000\\u0001\\u000b\\u001b\\u001f\"" },
        { "\u007f", "\"\u007f\"" },
        { "é ü ß ñ 日本語 Ω \u00a0 \ufeff \uffff", "\"é ü ß ñ 日本語 Ω \u00a0 \ufeff \uffff\"" },
        { "😀 𝄞 \U0001F680", "\"😀 𝄞 \U0001F680\"" },
        { "line\u2028para\u2029end", "\"line\\u2028para\\u2029end\"" },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Serialize_String_EscapesAsGo(string text, string expected)
    {
        Assert.Equal(expected, JsonSerializer.Serialize(text, VaultJson.Options));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Utf8Writer_ValueAndPropertyName_EscapeAsGo(string text, string expected)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, VaultJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetBytes(text));
            writer.WriteEndObject();
        }

        Assert.Equal(Encoding.UTF8.GetBytes($"{{{expected}:{expected}}}"), buffer.ToArray());
    }

    [Fact]
    public void LoneSurrogate_IsWrittenAsTheReplacementCharacter()
    {
        // Go's decoder turns "\ud800" into U+FFFD, which its encoder then writes raw.
        Assert.Equal("\"a\uFFFDb\"", JsonSerializer.Serialize("a\ud800b", VaultJson.Options));
    }
}
