using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Tests;

public sealed class CiphertextTests
{
    [Fact]
    public void Format_Parse_RoundTrips()
    {
        byte[] raw = [0xfb, 0xff, 0x00, 0x3e];
        var text = Ciphertext.Format(12, raw);
        Assert.Equal("vault:v12:+/8APg==", text);
        var (version, parsed) = Ciphertext.Parse(text);
        Assert.Equal(12, version);
        Assert.Equal(raw, parsed);
    }

    [Fact]
    public void Jws_IsUnpaddedUrlSafeBase64()
    {
        byte[] raw = [0xfb, 0xff, 0x00, 0x3e];
        var text = Ciphertext.Format(1, raw, urlSafe: true);
        Assert.Equal("vault:v1:-_8APg", text);
        Assert.Equal(raw, Ciphertext.Parse(text, "signature", urlSafe: true).Raw);
    }

    [Theory]
    [InlineData("v1:abcd", "invalid ciphertext: no prefix")]
    [InlineData("vault:v1:ab:cd", "invalid ciphertext: wrong number of fields")]
    [InlineData("vault:vx:abcd", "invalid ciphertext: version number could not be decoded")]
    [InlineData("vault:v0:abcd", "invalid ciphertext: version number could not be decoded")]
    [InlineData("vault:v-1:abcd", "invalid ciphertext: version number could not be decoded")]
    [InlineData("vault:v1:!!!", "invalid ciphertext: could not decode base64")]
    public void Parse_Malformed_IsA400WithVaultsMessage(string text, string message)
    {
        var error = Assert.Throws<LogicalException>(() => Ciphertext.Parse(text));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(message, error.Message);
    }
}
