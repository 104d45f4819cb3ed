using SecretVault.Core.Policies;

namespace SecretVault.Core.Tests.Policies;

public sealed class PolicyGlobTests
{
    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("*", "", true)]
    [InlineData("dev-*", "dev-web", true)]
    [InlineData("dev-*", "prod-web", false)]
    [InlineData("*-admin", "ops-admin", true)]
    [InlineData("*admin*", "super-admin-1", true)]
    [InlineData("ops-*-admin", "ops-eu-admin", true)]
    [InlineData("ops-*-admin", "ops-admin", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "a-c-b", false)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("admin", "admin", true)]
    [InlineData("admin", "admins", false)]
    public void IsMatch_StarMatchesAnyRunAnywhere(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PolicyGlob.IsMatch(pattern, value));
}
