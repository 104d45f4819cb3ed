using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.UserPass.Tests.Sdk;

/// <summary>The Sdk's shared token-field helpers, tested here beside their first user.</summary>
public sealed class TokenFieldsTests
{
    [Theory]
    [InlineData("root", true)]
    [InlineData("ROOT", true)]
    [InlineData("  Root ", true)]
    [InlineData("root\t", true)]
    [InlineData("\u3000root", true)]
    [InlineData("\uff52\uff4f\uff4f\uff54", true)]
    [InlineData("\ud835\udc2b\ud835\udc28\ud835\udc28\ud835\udc2d", true)]
    [InlineData("\ud835\udd2f\ud835\udd2c\ud835\udd2c\ud835\udd31", true)]
    [InlineData("\u24c7\u24c4\u24c4\u24c9", true)]
    [InlineData("\u02b3\u1d52\u1d52\u1d57", true)]
    [InlineData("\u1d63\u2092\u2092\u209c", true)]
    [InlineData("r\u00bao\u1d57", true)]
    [InlineData("\u211b\u2134\u2134t", true)]
    [InlineData("\ud83c\udd41\ud83c\udd3e\ud83c\udd3e\ud83c\udd43", true)]
    [InlineData("roots", false)]
    [InlineData("r oot", false)]
    [InlineData("dev", false)]
    [InlineData("r\u043e\u043et", false)]
    public void IsRootPolicy_Variants(string name, bool isRoot)
    {
        Assert.Equal(isRoot, PolicyNameRule.IsRoot(name));
    }

    [Fact]
    public void CanonicalPolicies_TrimsLowersAndDeduplicates()
    {
        Assert.Equal(["dev", "ops"], TokenFields.CanonicalPolicies("token_policies", [" Dev", "ops", "", "DEV "]));
    }

    [Theory]
    [InlineData("ro\u200bot")]
    [InlineData("dev\u0000")]
    public void CanonicalPolicies_ControlOrFormatCharacters_Are400(string name)
    {
        var error = Assert.Throws<LogicalException>(() => TokenFields.CanonicalPolicies("token_policies", [name]));
        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData(" 10.0.0.1 ", "10.0.0.1")]
    [InlineData("10.0.0.1/32", "10.0.0.1")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("::1/128", "::1")]
    public void ParseCidrs_Canonical(string input, string expected)
    {
        Assert.Equal([expected], BoundCidrs.Parse("cidrs", [input]));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.1")]
    [InlineData("10")]
    [InlineData("host.example")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/")]
    [InlineData("::1/129")]
    public void ParseCidrs_Bad_Is400NamingField(string input)
    {
        var error = Assert.Throws<LogicalException>(() => BoundCidrs.Parse("cidr_list", [input]));
        Assert.Contains("\"cidr_list\"", error.Errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.0.1", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.0.0.0/9", "10.128.0.1", false)]
    [InlineData("10.0.0.0/9", "10.127.0.1", true)]
    [InlineData("10.0.0.5", "10.0.0.5", true)]
    [InlineData("10.0.0.5", "10.0.0.6", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.1", true)]
    [InlineData("10.0.0.0/8", "10.0.0.1:5555", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::1", true)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("10.0.0.0/8", "garbage", false)]
    public void CidrsAllow_Table(string cidr, string remote, bool allowed)
    {
        Assert.Equal(allowed, BoundCidrs.Allow([cidr], remote));
    }

    [Fact]
    public void CidrsAllow_NoBlocks_AllowsAnyone_ButBlocksFailClosedOnUnknownAddress()
    {
        Assert.True(BoundCidrs.Allow([], null));
        Assert.False(BoundCidrs.Allow(["10.0.0.0/8"], null));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true)]
    [InlineData("10.0.0.0/16", "10.0.0.0/8", false)]
    [InlineData("10.0.0.0/8", "11.0.0.0/16", false)]
    [InlineData("", "11.0.0.0/16", true)]
    public void CidrsCover_Table(string outer, string inner, bool covered)
    {
        IReadOnlyList<string> outerList = outer.Length == 0 ? [] : [outer];
        Assert.Equal(covered, BoundCidrs.Cover(outerList, [inner]));
    }

    [Fact]
    public void With_DuplicateField_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => TokenFields.With(new Dictionary<string, FieldSchema> { ["token_ttl"] = new(FieldType.Int) }));
    }

    [Fact]
    public void TokenSettings_EqualityComparesCollectionsByValue()
    {
        var a = new TokenSettings { TokenPolicies = ["a", "b"], TokenBoundCidrs = ["10.0.0.0/8"] };
        var b = new TokenSettings { TokenPolicies = new List<string> { "a", "b" }, TokenBoundCidrs = new List<string> { "10.0.0.0/8" } };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { TokenPolicies = ["a"] });
    }
}
