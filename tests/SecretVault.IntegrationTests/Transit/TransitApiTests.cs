using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core.Periodic;
using SecretVault.Core.Routing;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Time;

namespace SecretVault.IntegrationTests.Transit;

/// <summary>The transit engine through real HTTP: errors, ACLs, persistence, sealing and scheduled rotation.</summary>
public sealed class TransitApiTests
{
    private static readonly string Plaintext = Convert.ToBase64String("attack at dawn"u8.ToArray());

    [Fact]
    public async Task BadInput_Is400InVaultsEnvelope_AndBatchFailuresCarryTheResults()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await MountAsync(server);
        await Expect(server, root, "v1/transit/keys/k", new { type = "aes256-gcm96" }, HttpStatusCode.OK);

        using var notBase64 = await server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/transit/encrypt/k", root, new { plaintext = "%%%" }));
        Assert.Equal(HttpStatusCode.BadRequest, notBase64.StatusCode);
        Assert.Equal(["failed to base64-decode plaintext"], await JsonBody.ErrorsAsync(notBase64));

        using var noKey = await server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/transit/decrypt/none", root, new { ciphertext = "vault:v1:AAAA" }));
        Assert.Equal(["encryption key not found"], await JsonBody.ErrorsAsync(noKey));

        using var badType = await server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/transit/keys/x", root, new { type = "des" }));
        Assert.Equal(["unknown key type des"], await JsonBody.ErrorsAsync(badType));

        using var batch = await server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/transit/encrypt/k", root,
            new { batch_input = new object[] { new { plaintext = Plaintext }, new { plaintext = "%" } } }));
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        var results = (await JsonBody.ReadAsync(batch)).GetProperty("data").GetProperty("batch_results");
        Assert.StartsWith("vault:v1:", results[0].GetProperty("ciphertext").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed to base64-decode plaintext", results[1].GetProperty("error").GetString());

        using var missing = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/transit/keys/none", root));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Upsert_NeedsCreateCapability_UpdateAloneCannotMakeKeys()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await MountAsync(server);
        await Expect(server, root, "v1/sys/policies/acl/encrypt-only", new { policy = """path "transit/encrypt/*" { capabilities = ["update"] }""" }, HttpStatusCode.NoContent);
        await Expect(server, root, "v1/sys/policies/acl/encrypt-create", new { policy = """path "transit/encrypt/*" { capabilities = ["create", "update"] }""" }, HttpStatusCode.NoContent);
        var updater = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "encrypt-only" } });
        var creator = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "encrypt-create" } });

        await Expect(server, updater, "v1/transit/encrypt/fresh", new { plaintext = Plaintext }, HttpStatusCode.Forbidden);
        await Expect(server, creator, "v1/transit/encrypt/fresh", new { plaintext = Plaintext }, HttpStatusCode.OK);
        await Expect(server, updater, "v1/transit/encrypt/fresh", new { plaintext = Plaintext }, HttpStatusCode.OK);
        await Expect(server, updater, "v1/transit/decrypt/fresh", new { ciphertext = "vault:v1:AAAA" }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Keys_SurviveSealAndRestart_OnFileStorage()
    {
        var data = Directory.CreateTempSubdirectory("sv-transit-");
        try
        {
            IReadOnlyList<string> keys;
            string root;
            string ciphertext;
            await using (var first = await TestServer.StartFileAsync(data.FullName))
            {
                (keys, root) = await first.InitAsync();
                await first.UnsealAsync(keys[0]);
                await Expect(first, root, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
                await Expect(first, root, "v1/transit/keys/k", new { type = "chacha20-poly1305" }, HttpStatusCode.OK);
                ciphertext = (await Expect(first, root, "v1/transit/encrypt/k", new { plaintext = Plaintext }, HttpStatusCode.OK)).GetProperty("data").GetProperty("ciphertext").GetString()!;

                // Sealing zeroes the cached keys; after unseal they come back from storage.
                await Expect(first, root, "v1/sys/seal", null, HttpStatusCode.NoContent, HttpMethod.Put);
                await first.UnsealAsync(keys[0]);
                Assert.Equal(Plaintext, await DecryptAsync(first, root, ciphertext));
            }

            await using var second = await TestServer.StartFileAsync(data.FullName);
            await second.UnsealAsync(keys[0]);
            Assert.Equal(Plaintext, await DecryptAsync(second, root, ciphertext));
            foreach (var file in Directory.EnumerateFiles(data.FullName, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain("chacha20-poly1305", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AutoRotatePeriod_RotatesOnSchedule_ThroughThePeriodicRunner()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: time, services: s => s.AddSingleton(new PeriodicOptions { Interval = TimeSpan.FromMilliseconds(50) }));
        var root = await MountAsync(server);
        await Expect(server, root, "v1/transit/keys/k", new { auto_rotate_period = "24h" }, HttpStatusCode.OK);
        var before = await Expect(server, root, "v1/transit/encrypt/k", new { plaintext = Plaintext }, HttpStatusCode.OK);

        time.Advance(TimeSpan.FromHours(24));
        var latest = 1;
        for (var attempt = 0; attempt < 100 && latest == 1; attempt++)
        {
            await Task.Delay(50);
            latest = (await Expect(server, root, "v1/transit/keys/k", null, HttpStatusCode.OK, HttpMethod.Get)).GetProperty("data").GetProperty("latest_version").GetInt32();
        }

        Assert.Equal(2, latest);
        var after = await Expect(server, root, "v1/transit/encrypt/k", new { plaintext = Plaintext }, HttpStatusCode.OK);
        Assert.Equal(2, after.GetProperty("data").GetProperty("key_version").GetInt32());
        Assert.Equal(Plaintext, await DecryptAsync(server, root, before.GetProperty("data").GetProperty("ciphertext").GetString()!));
    }

    [Theory]
    [InlineData("unmount")]
    [InlineData("seal")]
    public async Task UnmountAndSeal_UnloadTheBackend_ItsCachedKeysAreZeroedAndItAnswers503(string how)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await MountAsync(server);
        await Expect(server, root, "v1/transit/keys/k", new { }, HttpStatusCode.OK);
        await Expect(server, root, "v1/transit/encrypt/k", new { plaintext = Plaintext }, HttpStatusCode.OK);
        var route = server.Host.Services.GetRequiredService<Router>().Route("transit/encrypt/k")!;

        await (how == "seal"
            ? Expect(server, root, "v1/sys/seal", null, HttpStatusCode.NoContent, HttpMethod.Put)
            : Expect(server, root, "v1/sys/mounts/transit", null, HttpStatusCode.NoContent, HttpMethod.Delete));

        var stale = SecretVault.Testing.Plugins.PluginRequests.Make(route.View, "transit/", Sdk.Logical.Operation.Update, "encrypt/k", new { plaintext = Plaintext });
        var error = await Assert.ThrowsAsync<Sdk.Logical.LogicalException>(() => route.Backend.HandleRequestAsync(stale));
        Assert.Equal(503, error.StatusCode);
    }

    private static async Task<string> MountAsync(TestServer server)
    {
        var root = await server.InitAndUnsealAsync();
        await Expect(server, root, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
        return root;
    }

    private static async Task<string> DecryptAsync(TestServer server, string token, string ciphertext) =>
        (await Expect(server, token, "v1/transit/decrypt/k", new { ciphertext }, HttpStatusCode.OK)).GetProperty("data").GetProperty("plaintext").GetString()!;

    private static Task<JsonElement> Expect(TestServer server, string token, string path, object? body, HttpStatusCode expected, HttpMethod? method = null) =>
        VaultHttp.ExpectAsync(server, token, method ?? HttpMethod.Post, path, body, expected);
}
