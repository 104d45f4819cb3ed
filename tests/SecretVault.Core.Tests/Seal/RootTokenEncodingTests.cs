using SecretVault.Core.Seal;

namespace SecretVault.Core.Tests.Seal;

public sealed class RootTokenEncodingTests
{
    [Fact]
    public void Encode_IsBase64WithoutPaddingOfTokenXorOtp()
    {
        // Worked by hand: "hvs.someToken" XOR "0123456789abc", base64 with the padding removed.
        Assert.Equal("WEdBHUdaW1JsVgoHDQ", RootTokenEncoding.Encode("hvs.someToken", "0123456789abc"));
        Assert.Equal("hvs.someToken", RootTokenEncoding.Decode("WEdBHUdaW1JsVgoHDQ", "0123456789abc"));
        Assert.Equal("hvs.someToken", RootTokenEncoding.Decode("WEdBHUdaW1JsVgoHDQ==", "0123456789abc"));
    }

    [Fact]
    public void Decode_WithTheWrongOtpLength_OrNotBase64_IsAFormatError_ThatNamesNeither()
    {
        var length = Assert.Throws<FormatException>(() => RootTokenEncoding.Decode("WEdBHUdaW1JsVgoHDQ", "0123"));
        Assert.DoesNotContain("0123", length.Message, StringComparison.Ordinal);
        var base64 = Assert.Throws<FormatException>(() => RootTokenEncoding.Decode("not*base64", "0123456789abc"));
        Assert.DoesNotContain("not*base64", base64.Message, StringComparison.Ordinal);
    }
}
