using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Seal;

/// <summary>
/// OpenBao's listener options <c>disable_unauthed_generate_root_endpoints</c> and <c>disable_unauthed_rekey_endpoints</c>
/// over real HTTP: closed by default (a token with sudo is needed), and when opened a quorum of share holders with no
/// token at all can make a root token (break-glass) or rekey, as with Vault.
/// </summary>
public sealed class UnauthedCeremonyTests
{
    private static Task<TestServer> StartAsync(bool openGenerateRoot = false, bool openRekey = false) =>
        TestServer.StartInMemoryAsync(configure: c => c with
        {
            Listener = c.Listener with { DisableUnauthedGenerateRootEndpoints = !openGenerateRoot, DisableUnauthedRekeyEndpoints = !openRekey },
        });

    [Fact]
    public async Task Opened_BreakGlass_GeneratesAWorkingRootTokenWithoutAnyToken()
    {
        await using var server = await StartAsync(openGenerateRoot: true);
        var (keys, root) = await server.InitAsync(shares: 3, threshold: 2);
        await server.UnsealAsync(keys[0]);
        await server.UnsealAsync(keys[1]);

        // Every admin token is lost: the root token is revoked.
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/revoke-self", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);

        var started = await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/generate-root/attempt", new { }, HttpStatusCode.OK);
        var (nonce, otp) = (started.GetProperty("nonce").GetString()!, started.GetProperty("otp").GetString()!);
        Assert.True((await ExpectAsync(server, null, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());
        await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/generate-root/update", new { key = keys[2], nonce }, HttpStatusCode.OK);
        var done = await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/generate-root/update", new { key = keys[0], nonce }, HttpStatusCode.OK);
        Assert.True(done.GetProperty("complete").GetBoolean());

        var token = (await ExpectAsync(server, null, HttpMethod.Post, "v1/sys/decode-token", new { encoded_token = done.GetProperty("encoded_token").GetString(), otp }, HttpStatusCode.OK))
            .GetProperty("data").GetProperty("token").GetString()!;
        var self = (await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(["root"], self.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        await ExpectAsync(server, token, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv" }, HttpStatusCode.NoContent);

        // Opening generate-root does not open rekey.
        Assert.Equal(["permission denied"], await ExpectErrorsAsync(server, null, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 1, secret_threshold = 1 }, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Default_RefusesWithoutAToken_AsPermissionDenied()
    {
        await using var server = await StartAsync();
        var (keys, root) = await server.InitAsync(shares: 1, threshold: 1);
        await server.UnsealAsync(keys[0]);
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "v1/sys/generate-root/attempt", null),
            (HttpMethod.Put, "v1/sys/generate-root/attempt", new { }),
            (HttpMethod.Delete, "v1/sys/generate-root/attempt", null),
            (HttpMethod.Put, "v1/sys/generate-root/update", new { key = keys[0], nonce = "x" }),
            (HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 1, secret_threshold = 1 }),
            (HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce = "x" }),
            (HttpMethod.Put, "v1/sys/rekey/verify", new { key = keys[0], nonce = "x" }),
        })
        {
            Assert.Equal(["permission denied"], await ExpectErrorsAsync(server, null, method, path, body, HttpStatusCode.Forbidden));
        }

        // With the root token they work, and nothing was started by the refused calls.
        Assert.False((await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());
        Assert.False((await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());
    }

    [Fact]
    public async Task OpenedRekey_InitUpdateWithoutAToken_BackupStaysSudo()
    {
        await using var server = await StartAsync(openRekey: true);
        var (keys, root) = await server.InitAsync(shares: 1, threshold: 1);
        await server.UnsealAsync(keys[0]);

        var init = await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 1, secret_threshold = 1 }, HttpStatusCode.OK);
        var nonce = init.GetProperty("nonce").GetString()!;
        var done = await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce }, HttpStatusCode.OK);
        Assert.True(done.GetProperty("complete").GetBoolean());
        var newKey = done.GetProperty("keys")[0].GetString()!;
        Assert.NotEqual(keys[0], newKey);

        Assert.Equal(["permission denied"], await ExpectErrorsAsync(server, null, HttpMethod.Get, "v1/sys/rekey/backup", null, HttpStatusCode.Forbidden));
        Assert.Equal(["permission denied"], await ExpectErrorsAsync(server, null, HttpMethod.Put, "v1/sys/generate-root/attempt", new { }, HttpStatusCode.Forbidden));

        // The new share unseals.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        Assert.False((await server.UnsealAsync(newKey)).GetProperty("sealed").GetBoolean());
    }
}
