using System.Text.Json;
using SecretVault.Plugins.Auth.AppRole.Tests.Support;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Auth.AppRole.Tests;

public sealed class AppRoleRoleTests
{
    private readonly AppRoleHarness _h = new();

    [Fact]
    public void Factory_CreatesAppRoleAuthBackend()
    {
        var factory = new AppRoleBackendFactory();
        Assert.Equal("approle", factory.Type);
        Assert.Equal(BackendKind.Auth, factory.Kind);
        Assert.IsType<AppRoleBackend>(factory.Create(new BackendContext { MountPoint = "approle/" }));
        Assert.Equal(["login"], _h.Backend.UnauthenticatedPaths);
    }

    [Fact]
    public async Task Read_NewRole_HasVaultDefaults()
    {
        await _h.WriteRoleAsync("web");
        Assert.Equal(
            """{"bind_secret_id":true,"local_secret_ids":false,"secret_id_bound_cidrs":[],"secret_id_num_uses":0,"secret_id_ttl":0,"token_bound_cidrs":[],"token_explicit_max_ttl":0,"token_max_ttl":0,"token_no_default_policy":false,"token_num_uses":0,"token_period":0,"token_policies":[],"token_ttl":0,"token_type":"default"}""",
            await ReadJsonAsync("role/web"));
    }

    [Fact]
    public async Task Read_AfterWrite_EchoesEveryField()
    {
        await _h.WriteRoleAsync("web", new
        {
            bind_secret_id = true,
            secret_id_bound_cidrs = "10.0.0.0/8",
            secret_id_num_uses = 3,
            secret_id_ttl = "10m",
            local_secret_ids = true,
            token_policies = new[] { "web", "Ops" },
            token_ttl = "20m",
            token_max_ttl = "30m",
            token_bound_cidrs = "10.1.0.0/16",
            token_explicit_max_ttl = 3600,
            token_no_default_policy = true,
            token_num_uses = 2,
            token_type = "default-service",
            period = "1h",
        });
        Assert.Equal(
            """{"bind_secret_id":true,"local_secret_ids":true,"period":3600,"secret_id_bound_cidrs":["10.0.0.0/8"],"secret_id_num_uses":3,"secret_id_ttl":600,"token_bound_cidrs":["10.1.0.0/16"],"token_explicit_max_ttl":3600,"token_max_ttl":1800,"token_no_default_policy":true,"token_num_uses":2,"token_period":3600,"token_policies":["web","ops"],"token_ttl":1200,"token_type":"default-service"}""",
            await ReadJsonAsync("role/web"));
    }

    [Fact]
    public async Task Read_NeverShowsRoleIdOrKeys()
    {
        await _h.WriteRoleAsync("web");
        var json = await ReadJsonAsync("role/web");
        Assert.DoesNotContain(await _h.RoleIdAsync("web"), json, StringComparison.Ordinal);
        Assert.DoesNotContain("hmac", json, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("WEB")]
    public async Task RoleName_IsCaseInsensitive(string variant)
    {
        await _h.WriteRoleAsync("web");
        Assert.NotNull(await _h.SendAsync(Operation.Read, $"role/{variant}"));
        Assert.Equal(new ExistenceCheckResult(true, true), await _h.Backend.ExistenceCheckAsync(Requests.Make(_h.Storage, Operation.Update, $"role/{variant}")));
        Assert.Equal(["web"], (IReadOnlyList<string>)(await _h.SendAsync(Operation.List, "role/"))!.Data!["keys"]!);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("we\u0000b")]
    [InlineData("w\u00e9b")]
    [InlineData("web*")]
    [InlineData(" web ")]
    [InlineData("web ")]
    [InlineData("\u200bweb")]
    public async Task Write_InvalidName_Is400(string name)
    {
        var error = await _h.FailAsync(Operation.Create, $"role/{name}", new { });
        Assert.Equal(400, error.StatusCode);
        Assert.Empty(await _h.Storage.DumpAsync());
    }

    [Theory]
    [InlineData("""{"bind_secret_id":false}""", "constraint")]
    [InlineData("""{"secret_id_num_uses":-1}""", "secret_id_num_uses")]
    [InlineData("""{"secret_id_ttl":"-1s"}""", "secret_id_ttl")]
    [InlineData("""{"secret_id_bound_cidrs":"nope"}""", "secret_id_bound_cidrs")]
    [InlineData("""{"token_policies":"ROOT"}""", "root")]
    [InlineData("""{"policies":"\uff52\uff4f\uff4f\uff54"}""", "root")]
    [InlineData("""{"token_type":"forever"}""", "token_type")]
    [InlineData("""{"role_id":""}""", "role_id")]
    public async Task Write_BadValue_Is400AndStoresNoRole(string json, string message)
    {
        var request = Requests.Make(_h.Storage, Operation.Create, "role/web") with { Data = PluginRequests.Parse(json) };
        var error = await Assert.ThrowsAsync<LogicalException>(() => _h.Backend.HandleRequestAsync(request));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(message, error.Errors[0], StringComparison.Ordinal);
        Assert.Null(await _h.SendAsync(Operation.Read, "role/web"));
    }

    [Fact]
    public async Task Write_NoSecretIdButCidrs_IsAccepted()
    {
        await _h.WriteRoleAsync("svc", new { bind_secret_id = false, secret_id_bound_cidrs = "10.0.0.0/8" });
        await _h.WriteRoleAsync("svc2", new { bind_secret_id = false, token_bound_cidrs = "10.0.0.0/8" });
        Assert.Equal(false, (await _h.ReadAsync("role/svc"))["bind_secret_id"]);
    }

    [Fact]
    public async Task Update_LocalSecretIds_IsCreateOnly()
    {
        await _h.WriteRoleAsync("web", new { local_secret_ids = false });
        var error = await _h.FailAsync(Operation.Update, "role/web", new { local_secret_ids = true });
        Assert.Contains("only be modified during role creation", error.Errors[0], StringComparison.Ordinal);
        Assert.Null(await _h.SendAsync(Operation.Update, "role/web", new { local_secret_ids = false }));
    }

    [Fact]
    public async Task RoleId_RandomUuid_CustomSettable_AndUnique()
    {
        await _h.WriteRoleAsync("a");
        Assert.True(Guid.TryParseExact(await _h.RoleIdAsync("a"), "D", out _));

        Assert.Null(await _h.SendAsync(Operation.Update, "role/a/role-id", new { role_id = "custom-a" }));
        Assert.Equal("custom-a", await _h.RoleIdAsync("a"));

        await _h.WriteRoleAsync("b", new { role_id = "custom-b" });
        Assert.Equal("custom-b", await _h.RoleIdAsync("b"));
        var error = await _h.FailAsync(Operation.Update, "role/b/role-id", new { role_id = "custom-a" });
        Assert.Equal(["role_id is already in use"], error.Errors);
        Assert.Equal(["missing role_id"], (await _h.FailAsync(Operation.Update, "role/a/role-id", new { })).Errors);
    }

    [Fact]
    public async Task Delete_RemovesRoleIndexAndSecretIds()
    {
        await _h.WriteRoleAsync("web");
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web");
        Assert.Null(await _h.SendAsync(Operation.Delete, "role/WEB"));

        Assert.Null(await _h.SendAsync(Operation.Read, "role/web"));
        Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync(roleId, secretId)).Errors);
        var keys = (await _h.Storage.DumpAsync()).Select(e => e.Key).ToList();
        Assert.Equal(["salt"], keys);
    }

    [Fact]
    public async Task Recreated_RoleWithSameName_InheritsNoSecretIds()
    {
        await _h.WriteRoleAsync("web", new { role_id = "fixed" });
        var (secretId, _) = await _h.SecretIdAsync("web");
        await _h.SendAsync(Operation.Delete, "role/web");
        await _h.WriteRoleAsync("web", new { role_id = "fixed" });
        Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync("fixed", secretId)).Errors);
    }

    [Theory]
    [InlineData("policies", """{"token_policies":"a,b"}""", "token_policies", """["a","b"]""")]
    [InlineData("policies", """{"policies":"c"}""", "policies", """["c"]""")]
    [InlineData("secret-id-num-uses", """{"secret_id_num_uses":5}""", "secret_id_num_uses", "5")]
    [InlineData("secret-id-ttl", """{"secret_id_ttl":"1m"}""", "secret_id_ttl", "60")]
    [InlineData("token-ttl", """{"token_ttl":"2m"}""", "token_ttl", "120")]
    [InlineData("token-max-ttl", """{"token_max_ttl":"3m"}""", "token_max_ttl", "180")]
    [InlineData("bind-secret-id", """{"bind_secret_id":"false"}""", "bind_secret_id", "false")]
    [InlineData("secret-id-bound-cidrs", """{"secret_id_bound_cidrs":"10.0.0.0/8"}""", "secret_id_bound_cidrs", """["10.0.0.0/8"]""")]
    [InlineData("token-bound-cidrs", """{"token_bound_cidrs":"10.0.0.1"}""", "token_bound_cidrs", """["10.0.0.1"]""")]
    [InlineData("period", """{"token_period":"1h"}""", "token_period", "3600")]
    [InlineData("period", """{"period":"2h"}""", "period", "7200")]
    [InlineData("token-num-uses", """{"token_num_uses":4}""", "token_num_uses", "4")]
    public async Task PropertyPath_SetThenRead(string suffix, string body, string field, string expected)
    {
        // bind-secret-id=false needs another constraint to stay valid.
        await _h.WriteRoleAsync("web", new { token_bound_cidrs = "10.0.0.0/8" });
        var request = Requests.Make(_h.Storage, Operation.Update, $"role/web/{suffix}") with { Data = PluginRequests.Parse(body) };
        Assert.Null(await _h.Backend.HandleRequestAsync(request));

        var data = await _h.ReadAsync($"role/web/{suffix}");
        Assert.Equal(expected, JsonSerializer.Serialize(data[field]));
        Assert.Equal(expected, JsonSerializer.Serialize((await _h.ReadAsync("role/web"))[field]));
    }

    [Fact]
    public async Task PropertyPath_Delete_RestoresDefault_AndKeepsConstraints()
    {
        await _h.WriteRoleAsync("web", new { token_ttl = 60, bind_secret_id = false, secret_id_bound_cidrs = "10.0.0.0/8" });
        Assert.Null(await _h.SendAsync(Operation.Delete, "role/web/token-ttl"));
        Assert.Equal(0L, (await _h.ReadAsync("role/web"))["token_ttl"]);

        // Removing the only constraint is refused; restoring bind_secret_id=true is fine.
        Assert.Contains("constraint", (await _h.FailAsync(Operation.Delete, "role/web/secret-id-bound-cidrs")).Errors[0], StringComparison.Ordinal);
        Assert.Null(await _h.SendAsync(Operation.Delete, "role/web/bind-secret-id"));
        Assert.Equal(true, (await _h.ReadAsync("role/web"))["bind_secret_id"]);
    }

    [Fact]
    public async Task PropertyPath_AppliesOnlyItsOwnField()
    {
        await _h.WriteRoleAsync("web");
        var response = await _h.SendAsync(Operation.Update, "role/web/token-ttl", new { token_ttl = 60, token_max_ttl = 1 });
        Assert.Contains("token_max_ttl", response!.Warnings.Single(), StringComparison.Ordinal);
        Assert.Equal(0L, (await _h.ReadAsync("role/web"))["token_max_ttl"]);
    }

    [Theory]
    [InlineData("policies", """{"token_policies":"Root"}""", "root")]
    [InlineData("token-ttl", "{}", "missing token_ttl")]
    [InlineData("secret-id-num-uses", """{"secret_id_num_uses":-2}""", "cannot be negative")]
    public async Task PropertyPath_BadValue_Is400(string suffix, string body, string message)
    {
        await _h.WriteRoleAsync("web");
        var request = Requests.Make(_h.Storage, Operation.Update, $"role/web/{suffix}") with { Data = PluginRequests.Parse(body) };
        var error = await Assert.ThrowsAsync<LogicalException>(() => _h.Backend.HandleRequestAsync(request));
        Assert.Contains(message, error.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PropertyPath_UnknownRole_ReadIsNull_WriteIs400()
    {
        Assert.Null(await _h.SendAsync(Operation.Read, "role/ghost/token-ttl"));
        Assert.Equal(["role \"ghost\" does not exist"], (await _h.FailAsync(Operation.Update, "role/ghost/token-ttl", new { token_ttl = 1 })).Errors);
        await _h.WriteRoleAsync("web");
        Assert.Equal(false, (await _h.ReadAsync("role/web/local-secret-ids"))["local_secret_ids"]);
    }

    private async Task<string> ReadJsonAsync(string path) =>
        JsonSerializer.Serialize(new SortedDictionary<string, object?>(await _h.ReadAsync(path), StringComparer.Ordinal));
}
