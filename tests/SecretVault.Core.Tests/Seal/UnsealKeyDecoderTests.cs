using System.Security.Cryptography;
using SecretVault.Core.Seal;

namespace SecretVault.Core.Tests.Seal;

public sealed class UnsealKeyDecoderTests
{
    [Fact]
    public void Decode_HexAndBase64OfAShare_GiveTheSameBytes()
    {
        var share = RandomNumberGenerator.GetBytes(33);
        Assert.Equal(share, UnsealKeyDecoder.Decode(Convert.ToHexStringLower(share)));
        Assert.Equal(share, UnsealKeyDecoder.Decode(Convert.ToHexString(share)));
        Assert.Equal(share, UnsealKeyDecoder.Decode(Convert.ToBase64String(share)));
    }

    [Fact]
    public void Decode_UnsplitKey_Of32Bytes_IsAccepted()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(key, UnsealKeyDecoder.Decode(Convert.ToBase64String(key)));
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("zz")]
    [InlineData("abcd")]
    [InlineData("")]
    public void Decode_Garbage_ThrowsVaultMessageWithoutTheKey(string key)
    {
        var error = Assert.Throws<FormatException>(() => UnsealKeyDecoder.Decode(key));
        Assert.Equal("'key' must be a valid hex or base64 string", error.Message);
    }

    [Fact]
    public void Decode_TooLong_IsRejected()
    {
        Assert.Throws<FormatException>(() => UnsealKeyDecoder.Decode(Convert.ToHexStringLower(new byte[40])));
    }
}
