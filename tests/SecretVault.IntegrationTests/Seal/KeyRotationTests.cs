using System.Net;
using System.Net.Http.Json;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Seal;

/// <summary><c>sys/key-status</c> and <c>sys/rotate</c>, and their survival across a restart with file storage.</summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task KeyStatus_AfterInit_IsTermOneWithTopLevelCopy()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/sys/key-status", root));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonBody.ReadAsync(response);
        Assert.Equal(1, body.GetProperty("data").GetProperty("term").GetInt32());
        Assert.Equal(1, body.GetProperty("term").GetInt32());
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("data").GetProperty("install_time").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(body.GetProperty("data").GetProperty("encryptions").GetInt64() >= 0);
        Assert.Equal("", body.GetProperty("lease_id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("wrap_info").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("auth").ValueKind);
    }

    [Fact]
    public async Task RotateConfig_ReadsAndWritesVaultsFields_ValidatesBounds_AndTheIntervalRotates()
    {
        var clock = new SecretVault.Testing.Time.ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: clock);
        var root = await server.InitAndUnsealAsync();

        var defaults = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rotate/config", null, HttpStatusCode.OK);
        Assert.Equal(3_865_470_566, defaults.GetProperty("data").GetProperty("max_operations").GetInt64());
        Assert.True(defaults.GetProperty("data").GetProperty("enabled").GetBoolean());
        Assert.Equal(0, defaults.GetProperty("data").GetProperty("interval").GetInt32());
        Assert.Equal(3_865_470_566, defaults.GetProperty("max_operations").GetInt64());

        Assert.Equal(["interval must be greater or equal to 24h0m0s"], await VaultHttp.ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/rotate/config", new { interval = "1h" }));
        Assert.Equal(["max_operations must be in the range [1000000,3865470566]"], await VaultHttp.ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/rotate/config", new { max_operations = 10 }));
        Assert.Equal(["max_operations must be in the range [1000000,3865470566]"], await VaultHttp.ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/rotate/config", new { max_operations = 3_865_470_567 }));

        // OpenBao's newer name; a field left out keeps its value.
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/rotate/keyring/config", new { interval = "24h", max_operations = 2_000_000 }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/rotate/config", new { enabled = true }, HttpStatusCode.NoContent);
        var written = (await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rotate/config", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("24h0m0s", written.GetProperty("interval").GetString());
        Assert.Equal(2_000_000, written.GetProperty("max_operations").GetInt64());

        // The first write after the active term turns 24 h old adds a term.
        clock.Advance(TimeSpan.FromHours(25));
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/cubbyhole/note", new { text = "after a day" }, HttpStatusCode.NoContent);
        var status = (await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/key-status", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(2, status.GetProperty("term").GetInt32());

        // Reading and writing the configuration needs the ordinary capabilities, not sudo (as Vault).
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/rotation", new { policy = "path \"sys/rotate/config\" { capabilities = [\"read\", \"update\"] }" }, HttpStatusCode.NoContent);
        var operatorToken = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "rotation" } });
        await VaultHttp.ExpectAsync(server, operatorToken, HttpMethod.Post, "v1/sys/rotate/config", new { enabled = false }, HttpStatusCode.NoContent);
        Assert.False((await VaultHttp.ExpectAsync(server, operatorToken, HttpMethod.Get, "v1/sys/rotate/config", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("enabled").GetBoolean());
        await VaultHttp.ExpectAsync(server, operatorToken, HttpMethod.Post, "v1/sys/rotate", null, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(server, null, HttpMethod.Get, "v1/sys/rotate/config", null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Rotate_WithRoot_Returns204AndAdvancesTerm_WithoutTokenIs403()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.PutAsync("v1/sys/rotate", null)).StatusCode);
        using var rotate = await server.Http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/sys/rotate", root));
        Assert.Equal(HttpStatusCode.NoContent, rotate.StatusCode);

        var status = await JsonBody.ReadAsync(await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/sys/key-status", root)));
        Assert.Equal(2, status.GetProperty("data").GetProperty("term").GetInt32());
    }

    [Fact]
    public async Task FileStorage_RestartAndUnseal_KeepsTermsRootTokenAndUnsealKeys()
    {
        var data = Directory.CreateTempSubdirectory("sv-restart-");
        try
        {
            IReadOnlyList<string> keys;
            string root;
            await using (var first = await TestServer.StartFileAsync(data.FullName))
            {
                (keys, root) = await first.InitAsync(3, 2);
                await first.UnsealAsync(keys[0]);
                await first.UnsealAsync(keys[1]);
                for (var i = 0; i < 3; i++)
                {
                    using var rotate = await first.Http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/sys/rotate", root));
                    Assert.Equal(HttpStatusCode.NoContent, rotate.StatusCode);
                }
            }

            await using var second = await TestServer.StartFileAsync(data.FullName);
            var sealedStatus = await JsonBody.ReadAsync(await second.Http.GetAsync("v1/sys/seal-status"));
            Assert.True(sealedStatus.GetProperty("initialized").GetBoolean());
            Assert.True(sealedStatus.GetProperty("sealed").GetBoolean());
            Assert.Equal("file", sealedStatus.GetProperty("storage_type").GetString());

            await second.UnsealAsync(keys[2]);
            var unsealed = await second.UnsealAsync(keys[0]);
            Assert.False(unsealed.GetProperty("sealed").GetBoolean());

            var status = await JsonBody.ReadAsync(await second.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/sys/key-status", root)));
            Assert.Equal(4, status.GetProperty("data").GetProperty("term").GetInt32());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task FileStorage_NothingSecretIsStoredInTheClear()
    {
        var data = Directory.CreateTempSubdirectory("sv-clear-");
        try
        {
            await using var server = await TestServer.StartFileAsync(data.FullName);
            var (keys, root) = await server.InitAsync(1, 1);
            await server.UnsealAsync(keys[0]);
            using var rotate = await server.Http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/sys/rotate", root));
            Assert.Equal(HttpStatusCode.NoContent, rotate.StatusCode);

            var needles = new[] { root, keys[0], Convert.ToBase64String(Convert.FromHexString(keys[0])) };
            foreach (var file in Directory.EnumerateFiles(data.FullName, "*", SearchOption.AllDirectories))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                var text = System.Text.Encoding.Latin1.GetString(bytes);
                Assert.DoesNotContain(needles, n => text.Contains(n, StringComparison.Ordinal));
                Assert.True(bytes.AsSpan().IndexOf(Convert.FromHexString(keys[0])) < 0, $"{file} holds the unseal key");
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
