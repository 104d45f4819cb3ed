using SecretVault.Core.Policies;
using SecretVault.Core.Wrapping;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tests.Wrapping;

public sealed class WrappingRulesTests
{
    private static readonly AclResult Bounded = new(true, Capability.Read, false) { MinWrappingTtl = TimeSpan.FromMinutes(1), MaxWrappingTtl = TimeSpan.FromMinutes(10) };

    // Vault's ACL denies these (403 permission denied), as it does any other request the policy does not allow.
    [Theory]
    [InlineData(null)]
    [InlineData(30)]
    [InlineData(3600)]
    public void OutOfBounds_Is403(int? seconds)
    {
        var error = Assert.Throws<LogicalException>(() => WrappingRules.Check(Bounded, Seconds(seconds)));
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("permission denied", error.Message);
    }

    [Fact]
    public void MaxAlone_WithoutWrapping_Is403()
    {
        var maxOnly = new AclResult(true, Capability.Read, false) { MaxWrappingTtl = TimeSpan.FromSeconds(60) };
        Assert.Equal(403, Assert.Throws<LogicalException>(() => WrappingRules.Check(maxOnly, null)).StatusCode);
        Assert.Equal(403, Assert.Throws<LogicalException>(() => WrappingRules.Check(maxOnly, TimeSpan.FromSeconds(61))).StatusCode);
        WrappingRules.Check(maxOnly, TimeSpan.FromSeconds(60));
        WrappingRules.Check(maxOnly, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void MergedBoundsWithMaxBelowMin_DenyEveryTtl()
    {
        var empty = new AclResult(true, Capability.Read, false) { MinWrappingTtl = TimeSpan.FromMinutes(5), MaxWrappingTtl = TimeSpan.FromMinutes(1) };
        Assert.Equal(403, Assert.Throws<LogicalException>(() => WrappingRules.Check(empty, TimeSpan.FromMinutes(3))).StatusCode);
    }

    [Fact]
    public void WithinBounds_OrUnbounded_Passes()
    {
        WrappingRules.Check(Bounded, TimeSpan.FromMinutes(1));
        WrappingRules.Check(Bounded, TimeSpan.FromMinutes(10));
        WrappingRules.Check(new AclResult(true, Capability.Read, false), null);
        WrappingRules.Check(new AclResult(true, Capability.Read, true), TimeSpan.FromDays(30));
    }

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
