using System.Net;
using System.Text.Json;
using SecretVault.Core.Lockout;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Time;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Auth;

/// <summary>
/// User lockout (Vault 1.13+) through real HTTP: failed logins per alias lock it, a locked alias is answered as a
/// wrong credential is, <c>sys/locked-users</c> lists and unlocks, and the server file and the mount tune set it.
/// </summary>
public sealed class UserLockoutTests
{
    private const string Password = "correct horse";
    private const string WrongPassword = "invalid username or password";

    [Fact]
    public async Task UserPass_FiveWrongPasswordsInAnySpelling_LockTheUser_TheRightOneGetsTheSameError_UntilUnlocked()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var accessor = await EnableUserPassAsync(server, root);
        var wrong = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = "guess-1" }, HttpStatusCode.BadRequest);

        // The login normalises the name, so every spelling counts against the one user (CVE-2025-6004, T-A8).
        foreach (var spelling in new[] { "Alice", "%20alice", "ALICE", "alice%20" })
        {
            await ExpectAsync(server, null, HttpMethod.Post, $"v1/auth/userpass/login/{spelling}", new { password = "guess" }, HttpStatusCode.BadRequest);
        }

        foreach (var spelling in new[] { "alice", "Alice", "%20alice" })
        {
            var refused = await ExpectAsync(server, null, HttpMethod.Post, $"v1/auth/userpass/login/{spelling}", new { password = Password }, HttpStatusCode.BadRequest);
            Assert.Equal(wrong.GetRawText(), refused.GetRawText());
        }

        Assert.Equal(WrongPassword, wrong.GetProperty("errors")[0].GetString());
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/bob", new { password = Password }, HttpStatusCode.OK);

        var locked = (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/locked-users", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(1, locked.GetProperty("total").GetInt32());
        var ns = Assert.Single(locked.GetProperty("by_namespace").EnumerateArray());
        Assert.Equal("root", ns.GetProperty("namespace_id").GetString());
        Assert.Equal("", ns.GetProperty("namespace_path").GetString());
        Assert.Equal(1, ns.GetProperty("counts").GetInt32());
        var mount = Assert.Single(ns.GetProperty("mount_accessors").EnumerateArray());
        Assert.Equal(accessor, mount.GetProperty("mount_accessor").GetString());
        Assert.Equal(1, mount.GetProperty("counts").GetInt32());
        Assert.Equal(["alice"], mount.GetProperty("alias_identifiers").EnumerateArray().Select(a => a.GetString()));

        await ExpectAsync(server, root, HttpMethod.Post, $"v1/sys/locked-users/{accessor}/unlock/alice", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/Alice", new { password = Password }, HttpStatusCode.OK);
        Assert.Equal(0, (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/locked-users", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UserPass_CountResetsAfterTheResetPeriodOrASuccess_AndALockRunsOut()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: time);
        var root = await server.InitAndUnsealAsync();
        await EnableUserPassAsync(server, root);

        await FailAsync(server, "alice", 4);
        time.Advance(TimeSpan.FromMinutes(15));
        await FailAsync(server, "alice", 4);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.OK);
        await FailAsync(server, "alice", 4);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.OK);

        await FailAsync(server, "alice", 5);
        time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.BadRequest);
        time.Advance(TimeSpan.FromSeconds(1));
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task AppRole_FiveWrongSecretIds_LockTheRoleId_TheRightSecretIdIsRefusedWithoutSpendingAUse()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/approle", new { type = "approle" }, HttpStatusCode.NoContent);
        var accessor = await AccessorAsync(server, root, "approle/");
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/ci", new { secret_id_num_uses = 1 }, HttpStatusCode.NoContent);
        var roleId = (await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/approle/role/ci/role-id", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("role_id").GetString()!;
        var secretId = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/approle/role/ci/secret-id", new { }, HttpStatusCode.OK)).GetProperty("data").GetProperty("secret_id").GetString();

        var wrong = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/approle/login", new { role_id = roleId, secret_id = "wrong-0" }, HttpStatusCode.BadRequest);
        for (var i = 1; i < 5; i++)
        {
            await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/approle/login", new { role_id = roleId, secret_id = $"wrong-{i}" }, HttpStatusCode.BadRequest);
        }

        var refused = await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/approle/login", new { role_id = roleId, secret_id = secretId }, HttpStatusCode.BadRequest);
        Assert.Equal(wrong.GetRawText(), refused.GetRawText());
        var mount = Assert.Single((await ExpectAsync(server, root, HttpMethod.Get, $"v1/sys/locked-users?mount_accessor={accessor}", null, HttpStatusCode.OK))
            .GetProperty("data").GetProperty("by_namespace")[0].GetProperty("mount_accessors").EnumerateArray());
        Assert.Equal([roleId], mount.GetProperty("alias_identifiers").EnumerateArray().Select(a => a.GetString()));

        // The one use of the secret ID was not spent by the refused login.
        await ExpectAsync(server, root, HttpMethod.Post, $"v1/sys/locked-users/{accessor}/unlock/{roleId}", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/approle/login", new { role_id = roleId, secret_id = secretId }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ServerFile_DisableLockout_TurnsItOff_AndAMountTuneTurnsItBackOn()
    {
        await using var server = await TestServer.StartInMemoryAsync(configure: config => config with
        {
            UserLockout = new Dictionary<string, UserLockoutConfig> { ["userpass"] = new() { Disable = true } },
        });
        var root = await server.InitAndUnsealAsync();
        await EnableUserPassAsync(server, root);
        await FailAsync(server, "alice", 6);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.OK);

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass/tune", new { user_lockout_config = new { lockout_disable = false, lockout_threshold = "2" } }, HttpStatusCode.NoContent);
        await FailAsync(server, "alice", 2);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MountTune_OverridesTheServerFile_AndIsShownByTheTuneRead()
    {
        await using var server = await TestServer.StartInMemoryAsync(configure: config => config with
        {
            UserLockout = new Dictionary<string, UserLockoutConfig> { ["all"] = new() { Threshold = 10 } },
        });
        var root = await server.InitAndUnsealAsync();
        await EnableUserPassAsync(server, root);
        await FailAsync(server, "alice", 5);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.OK);

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass/tune", new { user_lockout_config = new { lockout_threshold = "3", lockout_duration = "5m" } }, HttpStatusCode.NoContent);
        var tune = (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/auth/userpass/tune", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(3, tune.GetProperty("user_lockout_threshold").GetInt32());
        Assert.Equal(300, tune.GetProperty("user_lockout_duration").GetInt64());
        Assert.Equal(0, tune.GetProperty("user_lockout_counter_reset_duration").GetInt64());
        Assert.False(tune.GetProperty("user_lockout_disable").GetBoolean());
        await FailAsync(server, "alice", 3);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.BadRequest);

        // A tune that turns it off frees the user at once, and a secrets engine cannot be given a lockout.
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass/tune", new { user_lockout_config = new { lockout_disable = true } }, HttpStatusCode.NoContent);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv" }, HttpStatusCode.NoContent);
        var errors = await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret/tune", new { user_lockout_config = new { lockout_threshold = "3" } });
        Assert.Equal(["tuning of user lockout configuration for auth type \"kv\" not allowed"], errors);
    }

    [Fact]
    public async Task EnableConfig_SetsTheMountsLockout_AndTheMountListingShowsIt()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass", config = new { user_lockout_config = new { lockout_threshold = "2", lockout_counter_reset_duration = "1m" } } }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/userpass/users/alice", new { password = Password }, HttpStatusCode.NoContent);
        var config = (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/auth", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("userpass/").GetProperty("config").GetProperty("user_lockout_config");
        Assert.Equal(2, config.GetProperty("user_lockout_threshold").GetInt32());
        Assert.Equal(60, config.GetProperty("user_lockout_counter_reset_duration").GetInt64());
        Assert.Equal(0, config.GetProperty("user_lockout_duration").GetInt64());

        await FailAsync(server, "alice", 2);
        await ExpectAsync(server, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Lock_OutlivesARestart()
    {
        var folder = Directory.CreateTempSubdirectory("sv-lockout-").FullName;
        try
        {
            string root, key;
            await using (var first = await TestServer.StartFileAsync(folder))
            {
                var (keys, rootToken) = await first.InitAsync();
                (root, key) = (rootToken, keys[0]);
                await first.UnsealAsync(key);
                await EnableUserPassAsync(first, root);
                await FailAsync(first, "alice", 5);
            }

            await using var second = await TestServer.StartFileAsync(folder);
            await second.UnsealAsync(key);
            await ExpectAsync(second, null, HttpMethod.Post, "v1/auth/userpass/login/alice", new { password = Password }, HttpStatusCode.BadRequest);
            Assert.Equal(1, (await ExpectAsync(second, root, HttpMethod.Get, "v1/sys/locked-users", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("total").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LockedUsers_NeedsACapabilityButNotSudo()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/helpdesk", new { policy = """path "sys/locked-users*" { capabilities = ["read", "update"] }""" }, HttpStatusCode.NoContent);
        var helpdesk = await CreateTokenAsync(server, root, new { policies = new[] { "helpdesk" } });
        var plain = await CreateTokenAsync(server, root, new { policies = new[] { "default" } });
        await ExpectAsync(server, helpdesk, HttpMethod.Get, "v1/sys/locked-users", null, HttpStatusCode.OK);
        await ExpectAsync(server, helpdesk, HttpMethod.Post, "v1/sys/locked-users/auth_userpass_0123abcd/unlock/alice", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, plain, HttpMethod.Get, "v1/sys/locked-users", null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, plain, HttpMethod.Post, "v1/sys/locked-users/auth_userpass_0123abcd/unlock/alice", null, HttpStatusCode.Forbidden);
    }

    private static async Task<string> EnableUserPassAsync(TestServer server, string root)
    {
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/userpass/users/alice", new { password = Password }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/userpass/users/bob", new { password = Password }, HttpStatusCode.NoContent);
        return await AccessorAsync(server, root, "userpass/");
    }

    private static async Task<string> AccessorAsync(TestServer server, string root, string path) =>
        (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/auth", null, HttpStatusCode.OK)).GetProperty("data").GetProperty(path).GetProperty("accessor").GetString()!;

    private static async Task FailAsync(TestServer server, string user, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var errors = await ExpectErrorsAsync(server, null, HttpMethod.Post, $"v1/auth/userpass/login/{user}", new { password = $"guess-{i}" });
            Assert.Equal([WrongPassword], errors);
        }
    }
}
