using SecretVault.Plugins.Auth.AppRole.Tests.Support;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Auth.AppRole.Tests;

public sealed class AppRoleLoginTests
{
    private readonly AppRoleHarness _h = new();

    [Fact]
    public async Task Login_ValidPair_ReturnsAuthFromRole()
    {
        await _h.WriteRoleAsync("web", new
        {
            token_policies = "web,ops",
            token_ttl = "20m",
            token_max_ttl = "1h",
            token_num_uses = 3,
            token_bound_cidrs = "127.0.0.0/8",
            token_type = "service",
        });
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, accessor) = await _h.SecretIdAsync("web", new { metadata = """{"team":"blue","role_name":"admin"}""" });

        var auth = await _h.LoginAsync(roleId, secretId);

        Assert.Equal(["web", "ops"], auth.Policies);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "blue", ["role_name"] = "web" }, auth.Metadata);
        Assert.Equal(roleId, auth.AliasName);
        Assert.Equal("", auth.DisplayName);
        Assert.Equal(TimeSpan.FromMinutes(20), auth.Ttl);
        Assert.Equal(TimeSpan.FromHours(1), auth.MaxTtl);
        Assert.Equal(3, auth.NumUses);
        Assert.Equal("service", auth.TokenType);
        Assert.True(auth.Renewable);
        Assert.Equal(["127.0.0.0/8"], auth.BoundCidrs);
        Assert.Equal("web", auth.InternalData["role_name"]);
        Assert.Equal(accessor, auth.InternalData["secret_id_accessor"]);
    }

    [Fact]
    public async Task Login_SecretIdTokenCidrs_OverrideRoles()
    {
        await _h.WriteRoleAsync("web", new { token_bound_cidrs = "10.0.0.0/8,127.0.0.0/8" });
        var (secretId, _) = await _h.SecretIdAsync("web", new { token_bound_cidrs = "10.1.0.0/16" });
        Assert.Equal(["10.1.0.0/16"], (await _h.LoginAsync(await _h.RoleIdAsync("web"), secretId)).BoundCidrs);
    }

    [Theory]
    [InlineData("{}", "missing role_id")]
    [InlineData("""{"role_id":""}""", "missing role_id")]
    [InlineData("""{"role_id":"00000000-0000-4000-8000-000000000000","secret_id":"x"}""", "invalid role or secret ID")]
    [InlineData("""{"role_id":"ROLE"}""", "missing secret_id")]
    [InlineData("""{"role_id":"ROLE","secret_id":""}""", "missing secret_id")]
    [InlineData("""{"role_id":"ROLE","secret_id":"00000000-0000-4000-8000-000000000000"}""", "invalid role or secret ID")]
    [InlineData("""{"role_id":"role","secret_id":"SECRET"}""", "invalid role or secret ID")]
    public async Task Login_BadInput_Is400WithVaultMessage(string json, string message)
    {
        await _h.WriteRoleAsync("web", new { role_id = "ROLE" });
        var (secretId, _) = await _h.SecretIdAsync("web");
        var request = Requests.Make(_h.Storage, Operation.Update, "login") with { Data = PluginRequests.Parse(json.Replace("SECRET", secretId, StringComparison.Ordinal)) };
        var error = await Assert.ThrowsAsync<LogicalException>(() => _h.Backend.HandleRequestAsync(request));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal([message], error.Errors);
    }

    [Fact]
    public async Task Login_UnknownRoleIdAndWrongSecretId_AnswerAlike()
    {
        // Finding 10: an unknown role ID answered "invalid role ID" and a wrong secret ID "invalid secret id", and a
        // role's CIDR refusal came before the secret ID: each told whether a role ID exists.
        await _h.WriteRoleAsync("web", new { role_id = "known" });
        await _h.WriteRoleAsync("fenced", new { role_id = "fenced", secret_id_bound_cidrs = "10.0.0.0/8" });
        var (secretId, _) = await _h.SecretIdAsync("web");

        foreach (var (roleId, secret) in new[] { ("unknown", secretId), ("unknown", "wrong"), ("known", "wrong"), ("fenced", "wrong"), ("fenced", secretId) })
        {
            Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync(roleId, secret)).Errors);
        }

        Assert.Equal(["missing secret_id"], (await _h.LoginFailsAsync("unknown", null)).Errors);
        Assert.Equal(["missing secret_id"], (await _h.LoginFailsAsync("known", null)).Errors);
    }

    [Fact]
    public async Task Login_UnknownRoleId_TakesTheSameStorageStepsAsAWrongSecretId()
    {
        // The secret ID is hashed and looked up for an unknown role ID too, so the work (and its time) is alike.
        await _h.WriteRoleAsync("web", new { role_id = "known" });
        await _h.SecretIdAsync("web");
        async Task<IReadOnlyList<string>> StepsOfAsync(string roleId)
        {
            var storage = new RecordingStorage(_h.Storage);
            var request = Requests.Make(storage, Operation.Update, "login", new { role_id = roleId, secret_id = "00000000-0000-4000-8000-000000000000" });
            await Assert.ThrowsAsync<LogicalException>(() => _h.Backend.HandleRequestAsync(request));
            return storage.Steps;
        }

        var wrongSecret = await StepsOfAsync("known");
        Assert.Contains("Get secret_id/", wrongSecret);
        Assert.Equal(wrongSecret, await StepsOfAsync("unknown"));
    }

    [Fact]
    public async Task Login_OldRoleIdAfterChange_IsInvalid()
    {
        await _h.WriteRoleAsync("web");
        var oldRoleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web", new { num_uses = 0 });
        await _h.SendAsync(Operation.Update, "role/web/role-id", new { role_id = "new-id" });
        Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync(oldRoleId, secretId)).Errors);
        Assert.NotNull(await _h.LoginAsync("new-id", secretId));
    }

    [Fact]
    public async Task Login_SecretIdTtl_ExpiresOnTheManualClock()
    {
        await _h.WriteRoleAsync("web", new { secret_id_ttl = "1m" });
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web");

        _h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await _h.LoginAsync(roleId, secretId));
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync(roleId, secretId)).Errors);
        Assert.Null(await _h.SendAsync(Operation.List, "role/web/secret-id/"));
    }

    [Fact]
    public async Task Login_NumUses_CountsDownThenDeletes()
    {
        await _h.WriteRoleAsync("web", new { secret_id_num_uses = 2 });
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web");

        _h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.NotNull(await _h.LoginAsync(roleId, secretId));
        var lookup = (await _h.SendAsync(Operation.Update, "role/web/secret-id/lookup", new { secret_id = secretId }))!.Data!;
        Assert.Equal(1, lookup["secret_id_num_uses"]);
        Assert.Equal("2025-01-02T03:04:10Z", lookup["last_updated_time"]);

        Assert.NotNull(await _h.LoginAsync(roleId, secretId));
        Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync(roleId, secretId)).Errors);
        Assert.Null(await _h.SendAsync(Operation.List, "role/web/secret-id/"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Login_ConcurrentWithFewUsesLeft_ExactlyThatManySucceed(int uses)
    {
        await _h.WriteRoleAsync("web");
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web", new { num_uses = uses });

        var attempts = Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            try
            {
                await _h.LoginAsync(roleId, secretId);
                return true;
            }
            catch (LogicalException e) when (e.Errors.SequenceEqual(["invalid role or secret ID"]))
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(uses, results.Count(ok => ok));
        Assert.Empty(await _h.Storage.ListAsync("secret_id/"));
        Assert.Null(await _h.SendAsync(Operation.List, "role/web/secret-id/"));
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData(null, false)]
    public async Task Login_RoleSecretIdBoundCidrs_BindTheSource(string? remote, bool allowed)
    {
        await _h.WriteRoleAsync("web", new { secret_id_bound_cidrs = "10.0.0.0/8" });
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web", new { num_uses = 1 });
        if (allowed)
        {
            Assert.NotNull(await _h.LoginAsync(roleId, secretId, remote));
            return;
        }

        var error = await _h.LoginFailsAsync(roleId, secretId, remote);
        Assert.Equal(["source address unauthorized by CIDR restrictions on the role"], error.Errors);

        // A refused source spends none of the secret ID's uses.
        Assert.NotNull(await _h.LoginAsync(roleId, secretId, "10.0.0.1"));
    }

    [Fact]
    public async Task Login_SecretIdCidrList_BindsTheSource()
    {
        await _h.WriteRoleAsync("web");
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web", new { cidr_list = "10.5.0.0/16", num_uses = 1 });

        var error = await _h.LoginFailsAsync(roleId, secretId, "10.6.0.1");
        Assert.Equal(["source address unauthorized through CIDR restrictions on the secret ID"], error.Errors);
        Assert.NotNull(await _h.LoginAsync(roleId, secretId, "10.5.9.9"));
    }

    [Fact]
    public async Task Login_RoleCidrsNarrowedAfterIssue_RefuseOlderWiderSecretId()
    {
        await _h.WriteRoleAsync("web", new { secret_id_bound_cidrs = "10.0.0.0/8" });
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web", new { cidr_list = "10.1.0.0/16" });
        await _h.SendAsync(Operation.Update, "role/web", new { secret_id_bound_cidrs = "10.2.0.0/16" });
        Assert.Equal(400, (await _h.LoginFailsAsync(roleId, secretId, "10.2.0.1")).StatusCode);
    }

    [Fact]
    public async Task Login_WithoutBindSecretId_NeedsOnlyRoleIdFromAllowedSource()
    {
        await _h.WriteRoleAsync("svc", new { bind_secret_id = false, secret_id_bound_cidrs = "10.0.0.0/8", token_policies = "svc" });
        var roleId = await _h.RoleIdAsync("svc");

        var auth = await _h.LoginAsync(roleId, secretId: null, remoteAddress: "10.9.9.9");
        Assert.Equal(["svc"], auth.Policies);
        Assert.Equal(new Dictionary<string, string> { ["role_name"] = "svc" }, auth.Metadata);
        Assert.Equal(400, (await _h.LoginFailsAsync(roleId, secretId: null, remoteAddress: "192.168.1.1")).StatusCode);
    }

    [Fact]
    public async Task Login_IsUnauthenticatedPath()
    {
        Assert.Equal(["login"], _h.Backend.UnauthenticatedPaths);
        await _h.WriteRoleAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web");
        Assert.NotNull(await _h.LoginAsync(await _h.RoleIdAsync("web"), secretId));
    }
}
