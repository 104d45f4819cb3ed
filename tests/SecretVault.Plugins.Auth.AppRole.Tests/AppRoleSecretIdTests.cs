using System.Text;
using System.Text.Json;
using SecretVault.Plugins.Auth.AppRole.Tests.Support;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Auth.AppRole.Tests;

public sealed class AppRoleSecretIdTests
{
    private readonly AppRoleHarness _h = new();

    [Fact]
    public async Task Generate_ReturnsUuidSecretAndAccessor_WithRoleDefaults()
    {
        await _h.WriteRoleAsync("web", new { secret_id_num_uses = 3, secret_id_ttl = "10m" });
        var data = (await _h.SendAsync(Operation.Update, "role/web/secret-id"))!.Data!;

        Assert.Equal(["secret_id", "secret_id_accessor", "secret_id_num_uses", "secret_id_ttl"], data.Keys.Order(StringComparer.Ordinal));
        Assert.True(Guid.TryParseExact((string)data["secret_id"]!, "D", out var secret));
        Assert.Equal(4, secret.Version);
        Assert.True(Guid.TryParseExact((string)data["secret_id_accessor"]!, "D", out _));
        Assert.Equal(3, data["secret_id_num_uses"]);
        Assert.Equal(600L, data["secret_id_ttl"]);
    }

    [Fact]
    public async Task Generate_StoresNeitherSecretIdNorRoleIdInClear()
    {
        await _h.WriteRoleAsync("web", new { role_id = "my-role-id-value" });
        var (secretId, accessor) = await _h.SecretIdAsync("web");
        var dump = await _h.Storage.DumpAsync();
        foreach (var (key, value) in dump)
        {
            var text = key + Encoding.UTF8.GetString(value);
            Assert.DoesNotContain(secretId, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secretId.Replace("-", "", StringComparison.Ordinal), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("my-role-id-value", key, StringComparison.Ordinal);
        }

        Assert.Contains(dump, e => e.Key.EndsWith("/" + accessor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_GivesAccessors()
    {
        await _h.WriteRoleAsync("web");
        var first = await _h.SecretIdAsync("web");
        var second = await _h.SecretIdAsync("web");
        var keys = (IReadOnlyList<string>)(await _h.SendAsync(Operation.List, "role/web/secret-id/"))!.Data!["keys"]!;
        Assert.Equal(new[] { first.Accessor, second.Accessor }.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task Lookup_GivesPropertiesButNotTheSecret()
    {
        await _h.WriteRoleAsync("web", new { secret_id_bound_cidrs = "10.0.0.0/8" });
        var data = (await _h.SendAsync(Operation.Update, "role/web/secret-id", new
        {
            metadata = """{"team":"blue","env":"prod"}""",
            cidr_list = "10.1.0.0/16",
            token_bound_cidrs = "10.2.0.0/16",
            num_uses = 4,
            ttl = "90s",
        }))!.Data!;
        var secretId = (string)data["secret_id"]!;

        var lookup = (await _h.SendAsync(Operation.Update, "role/web/secret-id/lookup", new { secret_id = secretId }))!.Data!;
        Assert.Equal(data["secret_id_accessor"], lookup["secret_id_accessor"]);
        Assert.Equal(4, lookup["secret_id_num_uses"]);
        Assert.Equal(90L, lookup["secret_id_ttl"]);
        Assert.Equal("2025-01-02T03:04:05Z", lookup["creation_time"]);
        Assert.Equal("2025-01-02T03:05:35Z", lookup["expiration_time"]);
        Assert.Equal("2025-01-02T03:04:05Z", lookup["last_updated_time"]);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "blue", ["env"] = "prod" }, (Dictionary<string, string>)lookup["metadata"]!);
        Assert.Equal(["10.1.0.0/16"], (string[])lookup["cidr_list"]!);
        Assert.Equal(["10.2.0.0/16"], (string[])lookup["token_bound_cidrs"]!);
        Assert.DoesNotContain(secretId, JsonSerializer.Serialize(lookup), StringComparison.Ordinal);

        var byAccessor = (await _h.SendAsync(Operation.Update, "role/web/secret-id-accessor/lookup", new { secret_id_accessor = data["secret_id_accessor"] }))!.Data!;
        Assert.Equal(JsonSerializer.Serialize(lookup), JsonSerializer.Serialize(byAccessor));
    }

    [Fact]
    public async Task Lookup_NoExpiry_ShowsGoZeroTime()
    {
        await _h.WriteRoleAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web");
        var lookup = (await _h.SendAsync(Operation.Update, "role/web/secret-id/lookup", new { secret_id = secretId }))!.Data!;
        Assert.Equal("0001-01-01T00:00:00Z", lookup["expiration_time"]);
        Assert.Empty((Dictionary<string, string>)lookup["metadata"]!);
    }

    [Fact]
    public async Task Lookup_UnknownOrExpired_IsNull()
    {
        await _h.WriteRoleAsync("web");
        Assert.Null(await _h.SendAsync(Operation.Update, "role/web/secret-id/lookup", new { secret_id = Guid.NewGuid().ToString() }));
        var (secretId, _) = await _h.SecretIdAsync("web", new { ttl = 60 });
        _h.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(await _h.SendAsync(Operation.Update, "role/web/secret-id/lookup", new { secret_id = secretId }));
    }

    [Theory]
    [InlineData(Operation.Update)]
    [InlineData(Operation.Delete)]
    public async Task Destroy_BySecretId_StopsLogin(Operation operation)
    {
        await _h.WriteRoleAsync("web");
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, _) = await _h.SecretIdAsync("web");
        Assert.Null(await _h.SendAsync(operation, "role/web/secret-id/destroy", new { secret_id = secretId }));
        Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync(roleId, secretId)).Errors);
        Assert.Null(await _h.SendAsync(Operation.List, "role/web/secret-id/"));

        // Destroying again (or something never issued) is not an error.
        Assert.Null(await _h.SendAsync(operation, "role/web/secret-id/destroy", new { secret_id = secretId }));
    }

    [Theory]
    [InlineData(Operation.Update)]
    [InlineData(Operation.Delete)]
    public async Task Destroy_ByAccessor_StopsLogin(Operation operation)
    {
        await _h.WriteRoleAsync("web");
        var roleId = await _h.RoleIdAsync("web");
        var (secretId, accessor) = await _h.SecretIdAsync("web");
        Assert.Null(await _h.SendAsync(operation, "role/web/secret-id-accessor/destroy", new { secret_id_accessor = accessor }));
        Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync(roleId, secretId)).Errors);
    }

    [Theory]
    [InlineData("lookup")]
    [InlineData("destroy")]
    public async Task Accessor_OfAnotherRole_IsRefused_AndItsSecretIdStillWorks(string action)
    {
        // CVE-2023-24999: a caller allowed on role A's accessor paths must not reach role B's secret IDs.
        await _h.WriteRoleAsync("a");
        await _h.WriteRoleAsync("b");
        var (secretB, accessorB) = await _h.SecretIdAsync("b");

        var error = await _h.FailAsync(Operation.Update, $"role/a/secret-id-accessor/{action}", new { secret_id_accessor = accessorB });
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(["failed to find accessor entry for secret_id_accessor"], error.Errors);
        Assert.NotNull(await _h.LoginAsync(await _h.RoleIdAsync("b"), secretB));
    }

    [Fact]
    public async Task SecretId_OfAnotherRole_IsUnknownThroughThisRole()
    {
        await _h.WriteRoleAsync("a");
        await _h.WriteRoleAsync("b");
        var (secretB, _) = await _h.SecretIdAsync("b");
        Assert.Null(await _h.SendAsync(Operation.Update, "role/a/secret-id/lookup", new { secret_id = secretB }));
        Assert.Null(await _h.SendAsync(Operation.Update, "role/a/secret-id/destroy", new { secret_id = secretB }));
        Assert.NotNull(await _h.LoginAsync(await _h.RoleIdAsync("b"), secretB));
        Assert.Equal(["invalid role or secret ID"], (await _h.LoginFailsAsync(await _h.RoleIdAsync("a"), secretB)).Errors);
    }

    [Theory]
    [InlineData("../../role/b")]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    public async Task AccessorLookup_Malformed_Is400(string accessor)
    {
        await _h.WriteRoleAsync("a");
        var error = await _h.FailAsync(Operation.Update, "role/a/secret-id-accessor/lookup", new { secret_id_accessor = accessor });
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task Custom_RegistersGivenSecret_RefusesDuplicate()
    {
        await _h.WriteRoleAsync("web");
        var data = (await _h.SendAsync(Operation.Update, "role/web/custom-secret-id", new { secret_id = "my-own-secret", num_uses = 2 }))!.Data!;
        Assert.Equal("my-own-secret", data["secret_id"]);
        Assert.Equal(2, data["secret_id_num_uses"]);
        Assert.NotNull(await _h.LoginAsync(await _h.RoleIdAsync("web"), "my-own-secret"));

        Assert.Equal(["secret ID already exists"], (await _h.FailAsync(Operation.Update, "role/web/custom-secret-id", new { secret_id = "my-own-secret" })).Errors);
        Assert.Equal(["missing secret_id"], (await _h.FailAsync(Operation.Update, "role/web/custom-secret-id", new { })).Errors);
    }

    [Theory]
    [InlineData("""{"num_uses":6}""", "num_uses")]
    [InlineData("""{"num_uses":0}""", "num_uses")]
    [InlineData("""{"num_uses":-1}""", "num_uses")]
    [InlineData("""{"ttl":"11m"}""", "ttl")]
    [InlineData("""{"ttl":0}""", "ttl")]
    [InlineData("""{"cidr_list":"192.168.0.0/16"}""", "cidr_list")]
    [InlineData("""{"cidr_list":"10.0.0.0/7"}""", "cidr_list")]
    [InlineData("""{"token_bound_cidrs":"172.16.0.0/12"}""", "token_bound_cidrs")]
    [InlineData("""{"metadata":"{not json"}""", "metadata")]
    [InlineData("""{"metadata":"{\"a\":{\"b\":1}}"}""", "metadata")]
    public async Task Generate_OverrideBeyondRole_Is400(string json, string field)
    {
        await _h.WriteRoleAsync("web", new { secret_id_num_uses = 5, secret_id_ttl = "10m", secret_id_bound_cidrs = "10.0.0.0/8", token_bound_cidrs = "10.0.0.0/8" });
        var request = Requests.Make(_h.Storage, Operation.Update, "role/web/secret-id") with { Data = PluginRequests.Parse(json) };
        var error = await Assert.ThrowsAsync<LogicalException>(() => _h.Backend.HandleRequestAsync(request));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(field, error.Errors[0], StringComparison.Ordinal);
        Assert.Null(await _h.SendAsync(Operation.List, "role/web/secret-id/"));
    }

    [Fact]
    public async Task Generate_UnknownRoleOrUnboundRole_Is400()
    {
        Assert.Equal(["role \"ghost\" does not exist"], (await _h.FailAsync(Operation.Update, "role/ghost/secret-id")).Errors);
        await _h.WriteRoleAsync("cidr-only", new { bind_secret_id = false, secret_id_bound_cidrs = "10.0.0.0/8" });
        Assert.Contains("bind_secret_id", (await _h.FailAsync(Operation.Update, "role/cidr-only/secret-id")).Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tidy_RemovesExpiredAndOrphaned_KeepsLive()
    {
        await _h.WriteRoleAsync("web");
        var roleId = await _h.RoleIdAsync("web");
        var (live, _) = await _h.SecretIdAsync("web");
        await _h.SecretIdAsync("web", new { ttl = 30 });
        await _h.SecretIdAsync("web", new { ttl = 30 });
        _h.Clock.Advance(TimeSpan.FromMinutes(1));

        // A dangling accessor, as a crash between the two writes of an issue would leave.
        var folder = (await _h.Storage.ListAsync("accessor/")).Single();
        await _h.Storage.PutAsync($"accessor/{folder}{Guid.NewGuid()}", Encoding.UTF8.GetBytes("""{"SecretIdHmac":"00"}"""));
        // Leftovers of a role whose deletion stopped after removing the role entry.
        await _h.WriteRoleAsync("gone");
        await _h.SecretIdAsync("gone");
        await _h.Storage.DeleteAsync("role/gone");

        var response = (await _h.SendAsync(Operation.Update, "tidy/secret-id"))!;
        Assert.Equal(202, response.StatusCode);
        Assert.Contains("4", response.Warnings.Single(), StringComparison.Ordinal);

        var keys = (IReadOnlyList<string>)(await _h.SendAsync(Operation.List, "role/web/secret-id/"))!.Data!["keys"]!;
        Assert.Single(keys);
        Assert.Single(await _h.Storage.ListAsync("secret_id/"));
        Assert.Single(await _h.Storage.ListAsync("accessor/"));
        Assert.NotNull(await _h.LoginAsync(roleId, live));
    }
}
