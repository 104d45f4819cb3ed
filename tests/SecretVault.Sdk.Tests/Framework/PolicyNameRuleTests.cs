using SecretVault.Sdk.Framework;

namespace SecretVault.Sdk.Tests.Framework;

public sealed class PolicyNameRuleTests
{
    [Theory]
    [InlineData(" Dev ", "dev")]
    [InlineData("ROOT", "root")]
    [InlineData("\tops\n", "ops")]
    public void Normalize_TrimsAndLowerCases(string name, string stored)
    {
        Assert.Equal(stored, PolicyNameRule.Normalize(name));
    }

    [Theory]
    [InlineData(" Root ")]
    [InlineData("\uff52\uff4f\uff4f\uff54")]
    [InlineData("\u24c7\u24c4\u24c4\u24c9 ")]
    public void IsRoot_EveryNameThatNormalizesOrFoldsToRoot(string name)
    {
        // The stronger rule: a name that only folding makes "root" is root too, not just one that trims to it.
        Assert.True(PolicyNameRule.IsRoot(name));
    }

    [Theory]
    [InlineData("roots")]
    [InlineData("r oot")]
    [InlineData("r\u043e\u043et")]
    public void IsRoot_OtherNames_False(string name)
    {
        Assert.False(PolicyNameRule.IsRoot(name));
    }
}
