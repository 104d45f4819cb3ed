using System.Text.Json;
using SecretVault.Core.Lockout;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tests.Lockout;

public sealed class UserLockoutConfigParserTests
{
    [Fact]
    public void Apply_VaultsStringMap_SetsEveryValue()
    {
        var config = Apply(null, """{"lockout_threshold":"20","lockout_duration":"5m","lockout_counter_reset_duration":"90s","lockout_disable":"true"}""");
        Assert.Equal(new UserLockoutConfig { Threshold = 20, Duration = TimeSpan.FromMinutes(5), CounterReset = TimeSpan.FromSeconds(90), Disable = true }, config);
    }

    [Fact]
    public void Apply_KeepsWhatIsLeftOut_AndSystemOrZeroReturnsAValueToTheServer()
    {
        var current = new UserLockoutConfig { Threshold = 20, Duration = TimeSpan.FromMinutes(5), CounterReset = TimeSpan.FromMinutes(5) };
        var config = Apply(current, """{"lockout_duration":"system","lockout_counter_reset":0,"lockout_threshold":""}""");
        Assert.Equal(new UserLockoutConfig { Threshold = 20 }, config);
    }

    [Theory]
    [InlineData("""{"lockout_threshold":"many"}""", "user_lockout_config.lockout_threshold")]
    [InlineData("""{"lockout_threshold":"-1"}""", "user_lockout_config.lockout_threshold")]
    [InlineData("""{"lockout_duration":"-5m"}""", "user_lockout_config.lockout_duration")]
    [InlineData("""{"lockout_counter_reset_duration":"soon"}""", "user_lockout_config.lockout_counter_reset_duration")]
    [InlineData("""{"lockout_disable":"perhaps"}""", "user_lockout_config.lockout_disable")]
    [InlineData("""{"lockout_treshold":"5"}""", "unknown key \"lockout_treshold\"")]
    [InlineData("\"5\"", "expected an object")]
    public void Apply_BadValue_Is400NamingTheKey(string json, string expected)
    {
        var error = Assert.Throws<LogicalException>(() => Apply(null, json));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kv", BackendKind.Secret)]
    [InlineData("token", BackendKind.Auth)]
    public void Apply_OnATypeWithoutLockout_Is400(string type, BackendKind kind)
    {
        using var doc = JsonDocument.Parse("""{"lockout_threshold":"3"}""");
        var error = Assert.Throws<LogicalException>(() => UserLockoutConfigParser.Apply(null, doc.RootElement, kind, type));
        Assert.Equal($"tuning of user lockout configuration for auth type \"{type}\" not allowed", error.Message);
    }

    private static UserLockoutConfig Apply(UserLockoutConfig? current, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return UserLockoutConfigParser.Apply(current, doc.RootElement, BackendKind.Auth, "userpass");
    }
}
