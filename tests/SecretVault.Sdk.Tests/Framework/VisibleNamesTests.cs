using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Tests.Framework;

public sealed class VisibleNamesTests
{
    [Theory]
    [InlineData("secret")]
    [InlineData("my kv")]
    [InlineData("MyPolicy")]
    [InlineData("café")]
    [InlineData("a-b_c.d")]
    public void Problem_VisibleName_IsNone(string name) => Assert.Null(VisibleNames.Problem(name));

    [Theory]
    [InlineData("xx ", "blank space")]
    [InlineData(" xx", "blank space")]
    [InlineData("xx\t", "blank space")]
    [InlineData("\u200bsecret", "U+200B")]
    [InlineData("a\u00a0b", "U+00A0")]
    [InlineData("a\u202eb", "U+202E")]
    [InlineData("a\ufeffb", "U+FEFF")]
    [InlineData("a\u0007b", "U+0007")]
    [InlineData("a\ue000b", "U+E000")]
    public void Problem_InvisibleOrBlankEnded_IsNamed(string name, string expected) =>
        Assert.Contains(expected, VisibleNames.Problem(name), StringComparison.Ordinal);

    [Fact]
    public void Problem_LoneSurrogate_IsNamed() =>
        Assert.Contains("U+D800", VisibleNames.Problem("a" + (char)0xD800 + "b"), StringComparison.Ordinal);

    [Fact]
    public void Check_SpellsOutTheInvisibleCharacter_In400()
    {
        var ex = Assert.Throws<LogicalException>(() => VisibleNames.Check("mount path", "\u200bsecret"));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("invalid mount path \"\\u200bsecret\": it holds the invisible or control character U+200B", ex.Message);
    }
}
