using SecretVault.Plugins.Auth.AppRole.Tests.Support;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.AppRole.Tests;

/// <summary>What the core's user lockout learns from an approle login: its alias (the role ID), and which failures are wrong credentials.</summary>
public sealed class AppRoleLoginAliasTests
{
    private readonly AppRoleHarness _h = new();

    [Theory]
    [InlineData("login", """{"role_id":"Role-1","secret_id":"x"}""", "Role-1")]
    [InlineData("login", """{"secret_id":"x"}""", null)]
    [InlineData("role/web", """{"role_id":"Role-1"}""", null)]
    public void LoginAliasOf_IsTheRoleId(string path, string json, string? alias) =>
        Assert.Equal(alias, _h.Backend.LoginAliasOf(Requests.Make(_h.Storage, Operation.Update, path) with { Data = Testing.Plugins.PluginRequests.Parse(json) }));

    [Fact]
    public async Task Login_UnknownRoleIdOrWrongSecretId_IsAnInvalidCredential_MissingSecretIdOrAnAddressIsNot()
    {
        await _h.WriteRoleAsync("web", new { role_id = "ROLE", secret_id_bound_cidrs = "127.0.0.0/8" });
        Assert.True((await _h.LoginFailsAsync("NOT-A-ROLE", "x")).IsInvalidCredentials);
        Assert.True((await _h.LoginFailsAsync("ROLE", "00000000-0000-4000-8000-000000000000")).IsInvalidCredentials);
        Assert.False((await _h.LoginFailsAsync("ROLE", null)).IsInvalidCredentials);

        // The role's address rule is judged once the secret ID proved valid, so a refusal by address is not a wrong credential.
        var (secretId, _) = await _h.SecretIdAsync("web");
        Assert.False((await _h.LoginFailsAsync("ROLE", secretId, remoteAddress: "10.0.0.1")).IsInvalidCredentials);
    }
}
