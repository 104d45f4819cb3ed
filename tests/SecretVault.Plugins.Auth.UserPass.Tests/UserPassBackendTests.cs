using System.Text;
using System.Text.Json;
using SecretVault.Plugins.Auth.UserPass.Tests.Support;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Auth.UserPass.Tests;

public sealed class UserPassBackendTests
{
    private const string Password = "correct horse battery staple";

    private readonly InMemoryStorage _storage = new();
    private readonly UserPassBackend _backend = new(bcryptCost: 4);

    [Fact]
    public void Factory_CreatesUserPassAuthBackend()
    {
        var factory = new UserPassBackendFactory();
        Assert.Equal("userpass", factory.Type);
        Assert.Equal(BackendKind.Auth, factory.Kind);
        Assert.IsType<UserPassBackend>(factory.Create(new BackendContext { MountPoint = "userpass/" }));
        Assert.Equal(["login/*"], _backend.UnauthenticatedPaths);
    }

    [Fact]
    public async Task Read_AfterCreate_EchoesEveryTokenFieldWithVaultTypes()
    {
        await WriteAsync("users/alice", new
        {
            password = Password,
            token_policies = "dev, ops",
            token_ttl = "1h",
            token_max_ttl = 7200,
            token_bound_cidrs = new[] { "10.0.0.0/8", "127.0.0.1/32" },
            token_explicit_max_ttl = "3h",
            token_no_default_policy = true,
            token_num_uses = 5,
            token_period = "0",
            token_type = "service",
        });

        var json = await ReadJsonAsync("users/alice");
        Assert.Equal(
            """{"token_bound_cidrs":["10.0.0.0/8","127.0.0.1"],"token_explicit_max_ttl":10800,"token_max_ttl":7200,"token_no_default_policy":true,"token_num_uses":5,"token_period":0,"token_policies":["dev","ops"],"token_ttl":3600,"token_type":"service"}""",
            json);
    }

    [Fact]
    public async Task Read_NewUserWithOnlyPassword_GivesDefaults()
    {
        await WriteAsync("users/bob", new { password = Password });
        Assert.Equal(
            """{"token_bound_cidrs":[],"token_explicit_max_ttl":0,"token_max_ttl":0,"token_no_default_policy":false,"token_num_uses":0,"token_period":0,"token_policies":[],"token_ttl":0,"token_type":"default"}""",
            await ReadJsonAsync("users/bob"));
    }

    [Fact]
    public async Task Read_NeverReturnsPasswordOrHash_AndStorageHoldsOnlyTheHash()
    {
        await WriteAsync("users/alice", new { password = Password });
        var json = await ReadJsonAsync("users/alice");
        Assert.DoesNotContain("password", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$2", json, StringComparison.Ordinal);

        var (key, value) = Assert.Single(await _storage.DumpAsync());
        Assert.Equal("user/alice", key);
        var stored = Encoding.UTF8.GetString(value);
        Assert.DoesNotContain(Password, stored, StringComparison.Ordinal);
        Assert.Contains("$2y$04$", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_UnknownUser_IsNull()
    {
        Assert.Null(await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Read, "users/nobody")));
    }

    [Fact]
    public async Task ExistenceCheck_TellsCreateFromUpdate()
    {
        Assert.Equal(new ExistenceCheckResult(true, false), await _backend.ExistenceCheckAsync(Requests.Make(_storage, Operation.Update, "users/alice")));
        await WriteAsync("users/alice", new { password = Password });
        Assert.Equal(new ExistenceCheckResult(true, true), await _backend.ExistenceCheckAsync(Requests.Make(_storage, Operation.Update, "users/ALICE")));
    }

    [Theory]
    [InlineData(Operation.Create)]
    [InlineData(Operation.Update)]
    public async Task Write_NewUserWithoutPassword_Is400MissingPassword(Operation operation)
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => _backend.HandleRequestAsync(Requests.Make(_storage, operation, "users/alice", new { token_policies = "dev" })));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(["missing password"], error.Errors);
        Assert.Empty(await _storage.DumpAsync());
    }

    [Fact]
    public async Task Update_WithoutPassword_ChangesOnlyTheGivenFields()
    {
        await WriteAsync("users/alice", new { password = Password, token_policies = "dev", token_ttl = 60 });
        await WriteAsync("users/alice", new { token_ttl = 120 }, Operation.Update);

        var data = await ReadAsync("users/alice");
        Assert.Equal(["dev"], (string[])data["token_policies"]!);
        Assert.Equal(120L, data["token_ttl"]);
        await AssertLoginAsync("alice", Password);
    }

    [Theory]
    [InlineData("Alice")]
    [InlineData("ALICE")]
    [InlineData(" alice ")]
    [InlineData("alice")]
    public async Task Username_AnyCaseOrSurroundingSpace_IsTheSameUser(string variant)
    {
        await WriteAsync("users/Alice", new { password = Password });
        Assert.NotNull(await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Read, $"users/{variant}")));
        await AssertLoginAsync(variant, Password);
        Assert.Equal(["alice"], (IReadOnlyList<string>)(await ListAsync())["keys"]!);
    }

    [Theory]
    [InlineData("-bob")]
    [InlineData(".bob")]
    [InlineData("bob.")]
    [InlineData("bo b")]
    [InlineData("b\u00e9b")]
    [InlineData("be\u0301b")]
    [InlineData("bob\u0000")]
    [InlineData("bob\u200b")]
    [InlineData("\uff42\uff4f\uff42")]
    public async Task Write_InvalidUsername_Is400AndStoresNothing(string name)
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => WriteAsync($"users/{name}", new { password = Password }));
        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("invalid username", error.Errors[0], StringComparison.Ordinal);
        Assert.Empty(await _storage.DumpAsync());
    }

    [Theory]
    [InlineData("token_policies", "root")]
    [InlineData("token_policies", "Root")]
    [InlineData("token_policies", "dev, ROOT")]
    [InlineData("token_policies", " root\t")]
    [InlineData("token_policies", "\uff52\uff4f\uff4f\uff54")]
    [InlineData("token_policies", "\uff32\uff2f\uff2f\uff34")]
    [InlineData("token_policies", "\u24e1\u24de\u24de\u24e3")]
    [InlineData("token_policies", "r\u1d52\u1d52t")]
    [InlineData("policies", "rOoT")]
    public async Task Write_RootPolicyVariant_Is400(string field, string value)
    {
        var body = new Dictionary<string, object> { ["password"] = Password, [field] = value };
        var error = await Assert.ThrowsAsync<LogicalException>(() => WriteAsync("users/alice", body));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("root", error.Errors[0], StringComparison.Ordinal);
        Assert.Empty(await _storage.DumpAsync());
    }

    [Theory]
    [InlineData("""{"token_type":"ephemeral"}""", "token_type")]
    [InlineData("""{"token_num_uses":-1}""", "token_num_uses")]
    [InlineData("""{"token_ttl":"-5s"}""", "token_ttl")]
    [InlineData("""{"token_ttl":"soon"}""", "token_ttl")]
    [InlineData("""{"token_bound_cidrs":"10.0.0.0/33"}""", "token_bound_cidrs")]
    [InlineData("""{"token_bound_cidrs":"10.1"}""", "token_bound_cidrs")]
    [InlineData("""{"token_ttl":"2h","token_max_ttl":"1h"}""", "token_ttl")]
    [InlineData("""{"token_type":"batch","token_period":"1h"}""", "token_type")]
    [InlineData("""{"token_policies":"dev\u0007"}""", "token_policies")]
    [InlineData("""{"password":"p","password_hash":"$2y$10$abcdefghijklmnopqrstuuJ9eWkZ9qVJ5b3mV7bLkTQz1t1p6j7lu"}""", "password")]
    [InlineData("""{"password_hash":"not-a-hash"}""", "password_hash")]
    public async Task Write_BadValue_Is400NamingTheField(string json, string field)
    {
        var body = PluginRequests.Parse(json);
        if (!body.ContainsKey("password") && !body.ContainsKey("password_hash"))
        {
            body["password"] = JsonSerializer.SerializeToElement(Password);
        }

        var request = Requests.Make(_storage, Operation.Create, "users/alice") with { Data = body };
        var error = await Assert.ThrowsAsync<LogicalException>(() => _backend.HandleRequestAsync(request));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(field, error.Errors[0], StringComparison.Ordinal);
        Assert.Empty(await _storage.DumpAsync());
    }

    [Fact]
    public async Task Write_PasswordOver72Bytes_Is400()
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => WriteAsync("users/alice", new { password = new string('x', 73) }));
        Assert.Equal(400, error.StatusCode);
        Assert.DoesNotContain("xxx", error.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeprecatedAliases_AreAcceptedAndEchoedOnlyWhileUsed()
    {
        await WriteAsync("users/alice", new { password = Password, policies = "dev", ttl = "1m", max_ttl = "2m", bound_cidrs = "10.0.0.0/8" });
        var data = await ReadAsync("users/alice");
        Assert.Equal(["dev"], (string[])data["token_policies"]!);
        Assert.Equal(["dev"], (string[])data["policies"]!);
        Assert.Equal(60L, data["ttl"]);
        Assert.Equal(120L, data["token_max_ttl"]);
        Assert.Equal(120L, data["max_ttl"]);
        Assert.Equal(["10.0.0.0/8"], (string[])data["bound_cidrs"]!);

        await WriteAsync("users/alice", new { token_policies = "ops", token_ttl = "30s" }, Operation.Update);
        data = await ReadAsync("users/alice");
        Assert.Equal(["ops"], (string[])data["token_policies"]!);
        Assert.False(data.ContainsKey("policies"));
        Assert.False(data.ContainsKey("ttl"));
        Assert.Equal(120L, data["max_ttl"]);
    }

    [Fact]
    public async Task TokenField_WinsOverItsAlias()
    {
        await WriteAsync("users/alice", new { password = Password, token_policies = "a", policies = "b" });
        var data = await ReadAsync("users/alice");
        Assert.Equal(["a"], (string[])data["token_policies"]!);
        Assert.Equal(["a"], (string[])data["policies"]!);
    }

    [Fact]
    public async Task Delete_RemovesUser_AndListShowsTheRest()
    {
        await WriteAsync("users/alice", new { password = Password });
        await WriteAsync("users/bob", new { password = Password });
        Assert.Equal(["alice", "bob"], (IReadOnlyList<string>)(await ListAsync())["keys"]!);

        Assert.Null(await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Delete, "users/Alice")));
        Assert.Null(await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Read, "users/alice")));
        Assert.Equal(["bob"], (IReadOnlyList<string>)(await ListAsync())["keys"]!);
    }

    [Fact]
    public async Task List_NoUsers_IsNull()
    {
        Assert.Null(await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.List, "users/")));
    }

    [Fact]
    public async Task PasswordPath_ChangesPassword()
    {
        await WriteAsync("users/alice", new { password = Password, token_policies = "dev" });
        await WriteAsync("users/alice/password", new { password = "new-secret" }, Operation.Update);

        await AssertLoginFailsAsync("alice", Password);
        await AssertLoginAsync("alice", "new-secret");
        Assert.Equal(["dev"], (string[])(await ReadAsync("users/alice"))["token_policies"]!);
    }

    [Theory]
    [InlineData("users/ghost/password", """{"password":"x"}""", "username does not exist")]
    [InlineData("users/ghost/policies", """{"token_policies":"dev"}""", "username does not exist")]
    [InlineData("users/alice/password", "{}", "missing password")]
    [InlineData("users/alice/policies", "{}", "missing token_policies")]
    [InlineData("users/alice/policies", """{"token_policies":"Root"}""", "root")]
    public async Task SubPaths_BadRequest_Is400(string path, string json, string message)
    {
        await WriteAsync("users/alice", new { password = Password });
        var request = Requests.Make(_storage, Operation.Update, path) with { Data = PluginRequests.Parse(json) };
        var error = await Assert.ThrowsAsync<LogicalException>(() => _backend.HandleRequestAsync(request));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(message, error.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoliciesPath_SetsPolicies_KeepsTheRest()
    {
        await WriteAsync("users/alice", new { password = Password, token_ttl = 60 });
        await WriteAsync("users/alice/policies", new { token_policies = new[] { "B", "a", "b" } }, Operation.Update);
        var data = await ReadAsync("users/alice");
        Assert.Equal(["b", "a"], (string[])data["token_policies"]!);
        Assert.Equal(60L, data["token_ttl"]);
    }

    [Fact]
    public async Task PasswordHash_Imported_LogsIn()
    {
        var hash = Org.BouncyCastle.Crypto.Generators.OpenBsdBCrypt.Generate("imported".ToCharArray(), new byte[16], 5);
        await WriteAsync("users/carol", new { password_hash = hash });
        await AssertLoginAsync("carol", "imported");
    }

    [Fact]
    public async Task Write_UnknownField_Warns()
    {
        var response = await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Create, "users/alice", new { password = Password, colour = "blue" }));
        Assert.Equal(["Endpoint ignored these unrecognized parameters: [colour]"], response!.Warnings);
    }

    private async Task WriteAsync(string path, object body, Operation operation = Operation.Create) =>
        Assert.Null(await _backend.HandleRequestAsync(Requests.Make(_storage, operation, path, body)));

    private async Task<IDictionary<string, object?>> ReadAsync(string path) =>
        (await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Read, path)))!.Data!;

    private async Task<string> ReadJsonAsync(string path) =>
        JsonSerializer.Serialize(new SortedDictionary<string, object?>(await ReadAsync(path), StringComparer.Ordinal));

    private async Task<IDictionary<string, object?>> ListAsync() =>
        (await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.List, "users/")))!.Data!;

    private async Task AssertLoginAsync(string user, string password)
    {
        var response = await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Update, $"login/{user}", new { password }));
        Assert.NotNull(response?.Auth);
    }

    private async Task AssertLoginFailsAsync(string user, string password)
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Update, $"login/{user}", new { password })));
        Assert.Equal(["invalid username or password"], error.Errors);
    }
}
