using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Mounts;

/// <summary><c>sys/mounts</c>, <c>sys/auth</c>, tune and remount through real HTTP, with Vault's shapes and codes.</summary>
public sealed class MountApiTests
{
    [Fact]
    public async Task AfterInit_DefaultMountsExist_WithVaultShapes()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        var mounts = await GetAsync(server, root, "v1/sys/mounts");
        var sys = mounts.GetProperty("data").GetProperty("sys/");
        Assert.Equal("system", sys.GetProperty("type").GetString());
        Assert.StartsWith("system_", sys.GetProperty("accessor").GetString(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(sys.GetProperty("uuid").GetString(), out _));
        Assert.Equal(0, sys.GetProperty("config").GetProperty("default_lease_ttl").GetInt64());
        Assert.True(mounts.TryGetProperty("sys/", out _), "sys/mounts duplicates data at the top level");

        var auth = await GetAsync(server, root, "v1/sys/auth");
        var token = auth.GetProperty("data").GetProperty("token/");
        Assert.Equal("token", token.GetProperty("type").GetString());
        Assert.StartsWith("auth_token_", token.GetProperty("accessor").GetString(), StringComparison.Ordinal);
        Assert.Equal("default-service", token.GetProperty("config").GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task EnableKv_RoutesRequests_TuneAndDisableDeletesData()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        await SendAsync(server, root, HttpMethod.Post, "v1/sys/mounts/app", new { type = "kv", description = "app secrets", config = new { default_lease_ttl = "1h", max_lease_ttl = "2h" } }, HttpStatusCode.NoContent);
        await SendAsync(server, root, HttpMethod.Put, "v1/app/db", new { password = "hunter2", port = 5432 }, HttpStatusCode.NoContent);
        var read = await GetAsync(server, root, "v1/app/db");
        Assert.Equal("hunter2", read.GetProperty("data").GetProperty("password").GetString());
        Assert.Equal(5432, read.GetProperty("data").GetProperty("port").GetInt32());

        var info = (await GetAsync(server, root, "v1/sys/mounts")).GetProperty("data").GetProperty("app/");
        Assert.Equal("app secrets", info.GetProperty("description").GetString());
        Assert.Equal(3600, info.GetProperty("config").GetProperty("default_lease_ttl").GetInt64());
        Assert.StartsWith("kv_", info.GetProperty("accessor").GetString(), StringComparison.Ordinal);

        var tune = await GetAsync(server, root, "v1/sys/mounts/app/tune");
        Assert.Equal(3600, tune.GetProperty("data").GetProperty("default_lease_ttl").GetInt64());
        Assert.Equal(7200, tune.GetProperty("data").GetProperty("max_lease_ttl").GetInt64());
        await SendAsync(server, root, HttpMethod.Post, "v1/sys/mounts/app/tune", new { default_lease_ttl = "system", description = "tuned" }, HttpStatusCode.NoContent);
        var retuned = await GetAsync(server, root, "v1/sys/mounts/app/tune");
        Assert.Equal(2764800, retuned.GetProperty("data").GetProperty("default_lease_ttl").GetInt64());
        Assert.Equal("tuned", retuned.GetProperty("data").GetProperty("description").GetString());

        await SendAsync(server, root, HttpMethod.Delete, "v1/sys/mounts/app", null, HttpStatusCode.NoContent);
        await SendAsync(server, root, HttpMethod.Post, "v1/sys/mounts/app", new { type = "kv" }, HttpStatusCode.NoContent);
        await SendAsync(server, root, HttpMethod.Get, "v1/app/db", null, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("sys", "kv")]
    [InlineData("sys/extra", "kv")]
    [InlineData("cubbyhole", "kv")]
    [InlineData("auth/x", "kv")]
    [InlineData("app", "kv")]
    [InlineData("app/nested", "kv")]
    [InlineData("ap", "no-such-plugin")]
    [InlineData("other", "system")]
    public async Task Enable_ReservedOverlappingOrUnknown_Is400AndChangesNothing(string path, string type)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await SendAsync(server, root, HttpMethod.Post, "v1/sys/mounts/app", new { type = "kv" }, HttpStatusCode.NoContent);
        var before = (await GetAsync(server, root, "v1/sys/mounts")).GetProperty("data").EnumerateObject().Select(p => p.Name).ToList();

        await SendAsync(server, root, HttpMethod.Post, $"v1/sys/mounts/{path}", new { type }, HttpStatusCode.BadRequest);

        var after = (await GetAsync(server, root, "v1/sys/mounts")).GetProperty("data").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("v1/sys/mounts/sys")]
    [InlineData("v1/sys/mounts/cubbyhole")]
    [InlineData("v1/sys/auth/token")]
    public async Task Disable_ProtectedMount_Is400(string path)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await SendAsync(server, root, HttpMethod.Delete, path, null, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("v1/sys/mounts/sys")]
    [InlineData("v1/sys/mounts/cubbyhole")]
    [InlineData("v1/sys/auth/token")]
    public async Task Disable_ProtectedMount_RevokesNothingBeforeRefusing(string path)
    {
        // Finding 4: the refusal came after the mount's leases were revoked, so every token from auth/token/create*
        // (sys/auth/token) or every wrapping token (sys/mounts/sys) was gone although the answer was 400.
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var child = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "default" }, ttl = "1h" });
        await SendAsync(server, child, HttpMethod.Put, "v1/cubbyhole/note", new { v = "kept" }, HttpStatusCode.NoContent);
        using var wrap = TestServer.Request(HttpMethod.Post, "v1/sys/wrapping/wrap", root, new { v = "wrapped" });
        wrap.Headers.Add("X-Vault-Wrap-TTL", "1h");
        using var wrapped = await server.Http.SendAsync(wrap);
        var wrappingToken = (await JsonBody.ReadAsync(wrapped)).GetProperty("wrap_info").GetProperty("token").GetString()!;

        await SendAsync(server, root, HttpMethod.Delete, path, null, HttpStatusCode.BadRequest);

        await SendAsync(server, child, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        Assert.Equal("kept", (await GetAsync(server, child, "v1/cubbyhole/note")).GetProperty("data").GetProperty("v").GetString());
        var unwrapped = await SendAsync(server, wrappingToken, HttpMethod.Post, "v1/sys/wrapping/unwrap", null, HttpStatusCode.OK);
        Assert.Equal("wrapped", unwrapped.GetProperty("data").GetProperty("v").GetString());
    }

    [Fact]
    public async Task Remount_MovesMountKeepingData()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await SendAsync(server, root, HttpMethod.Post, "v1/sys/mounts/old", new { type = "kv" }, HttpStatusCode.NoContent);
        await SendAsync(server, root, HttpMethod.Put, "v1/old/a", new { v = "1" }, HttpStatusCode.NoContent);

        var moved = await SendAsync(server, root, HttpMethod.Post, "v1/sys/remount", new { from = "old", to = "new" }, HttpStatusCode.OK);
        var id = moved.GetProperty("data").GetProperty("migration_id").GetString();
        Assert.Equal("1", (await GetAsync(server, root, "v1/new/a")).GetProperty("data").GetProperty("v").GetString());
        await SendAsync(server, root, HttpMethod.Get, "v1/old/a", null, HttpStatusCode.NotFound);
        var status = await GetAsync(server, root, $"v1/sys/remount/status/{id}");
        Assert.Equal("success", status.GetProperty("data").GetProperty("migration_info").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Mounts_SurviveRestartWithFileStorage()
    {
        var data = Directory.CreateTempSubdirectory("sv-mounts-");
        try
        {
            IReadOnlyList<string> keys;
            string root;
            await using (var first = await TestServer.StartFileAsync(data.FullName))
            {
                (keys, root) = await first.InitAsync();
                await first.UnsealAsync(keys[0]);
                await SendAsync(first, root, HttpMethod.Post, "v1/sys/mounts/kept", new { type = "kv" }, HttpStatusCode.NoContent);
                await SendAsync(first, root, HttpMethod.Put, "v1/kept/x", new { v = "y" }, HttpStatusCode.NoContent);
            }

            await using var second = await TestServer.StartFileAsync(data.FullName);
            await second.UnsealAsync(keys[0]);
            Assert.Equal("y", (await GetAsync(second, root, "v1/kept/x")).GetProperty("data").GetProperty("v").GetString());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<JsonElement> GetAsync(TestServer server, string token, string path) =>
        await SendAsync(server, token, HttpMethod.Get, path, null, HttpStatusCode.OK);

    private static async Task<JsonElement> SendAsync(TestServer server, string token, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var response = await server.Http.SendAsync(TestServer.Request(method, path, token, body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Theory]
    [InlineData("v1/sys/mounts/nothing")]
    [InlineData("v1/sys/auth/nothing")]
    [InlineData("v1/sys/mounts/secret/below")]
    public async Task DisableWhereNothingIsMounted_Succeeds_AsVault(string path)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await SendAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv" }, HttpStatusCode.NoContent);

        await SendAsync(server, root, HttpMethod.Delete, path, null, HttpStatusCode.NoContent);
        var mounts = await GetAsync(server, root, "v1/sys/mounts");
        Assert.True(mounts.GetProperty("data").TryGetProperty("secret/", out _));
    }
}
