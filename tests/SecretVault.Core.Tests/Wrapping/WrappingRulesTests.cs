using SecretVault.Core.Policies;
using SecretVault.Core.Wrapping;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tests.Wrapping;

public sealed class WrappingRulesTests
{
    private static readonly AclResult Bounded = new(true, Capability.Read, false) { MinWrappingTtl = TimeSpan.FromMinutes(1), MaxWrappingTtl = TimeSpan.FromMinutes(10) };

    [Theory]
    [InlineData(null, "policy requires response wrapping")]
    [InlineData(30, "lower than the minimum")]
    [InlineData(3600, "greater than the maximum")]
    public void OutOfBounds_Is400(int? seconds, string message)
    {
        var error = Assert.Throws<LogicalException>(() => WrappingRules.Check(Bounded, seconds is { } s ? TimeSpan.FromSeconds(s) : null));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithinBounds_OrUnbounded_Passes()
    {
        WrappingRules.Check(Bounded, TimeSpan.FromMinutes(1));
        WrappingRules.Check(Bounded, TimeSpan.FromMinutes(10));
        WrappingRules.Check(new AclResult(true, Capability.Read, false), null);
        WrappingRules.Check(new AclResult(true, Capability.Read, true), TimeSpan.FromDays(30));
    }
}
