using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Storage.Abstractions;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Seal;

/// <summary><c>sys/rekey/*</c> over real HTTP: new unseal key shares and a new root key, authorized by the current shares.</summary>
public sealed class RekeyTests
{
    private static async Task<(TestServer Server, IReadOnlyList<string> Keys, string Root)> StartAsync(int shares = 3, int threshold = 2)
    {
        var server = await TestServer.StartInMemoryAsync();
        var (keys, root) = await server.InitAsync(shares, threshold);
        foreach (var key in keys.Take(threshold))
        {
            await server.UnsealAsync(key);
        }

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/secret/data/app", new { data = new { password = "before rekey" } }, HttpStatusCode.OK);
        return (server, keys, root);
    }

    [Fact]
    public async Task Rekey_GivesNewShares_OldSharesStopWorking_DataStaysReadable_AndTheRootKeyIsNew()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        var physical = server.Host.Services.GetRequiredService<IPhysicalBackend>();
        var oldConfig = (await physical.GetAsync("core/seal-config"))!;

        var idle = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.OK);
        Assert.False(idle.GetProperty("started").GetBoolean());
        Assert.Equal(2, idle.GetProperty("required").GetInt32());

        var started = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 5, secret_threshold = 3 }, HttpStatusCode.OK);
        Assert.True(started.GetProperty("started").GetBoolean());
        Assert.Equal(3, started.GetProperty("t").GetInt32());
        Assert.Equal(5, started.GetProperty("n").GetInt32());
        Assert.Equal(2, started.GetProperty("required").GetInt32());
        Assert.False(started.GetProperty("verification_required").GetBoolean());
        var nonce = started.GetProperty("nonce").GetString()!;

        var first = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[2], nonce }, HttpStatusCode.OK);
        Assert.Equal(1, first.GetProperty("progress").GetInt32());
        Assert.False(first.TryGetProperty("complete", out var notYet) && notYet.GetBoolean());
        var done = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce }, HttpStatusCode.OK);
        Assert.True(done.GetProperty("complete").GetBoolean());
        Assert.Equal(nonce, done.GetProperty("nonce").GetString());
        var newKeys = done.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        var newKeysB64 = done.GetProperty("keys_base64").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Equal(5, newKeys.Count);
        Assert.Equal(newKeys, newKeysB64.Select(k => Convert.ToHexStringLower(Convert.FromBase64String(k))));
        Assert.Empty(newKeys.Intersect(keys));

        var status = await ExpectAsync(server, null, HttpMethod.Get, "v1/sys/seal-status", null, HttpStatusCode.OK);
        Assert.Equal(3, status.GetProperty("t").GetInt32());
        Assert.Equal(5, status.GetProperty("n").GetInt32());
        Assert.False((await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());

        // The old shares no longer unseal; three of the new ones do, and everything is still there.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = keys[0] }, HttpStatusCode.OK);
        await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = keys[1] }, HttpStatusCode.OK);
        Assert.Equal(["Unseal failed, invalid key"], await ExpectErrorsAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = keys[2] }));
        foreach (var key in new[] { newKeys[4], newKeysB64[1], newKeys[2] })
        {
            await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key }, HttpStatusCode.OK);
        }

        var read = await ExpectAsync(server, root, HttpMethod.Get, "v1/secret/data/app", null, HttpStatusCode.OK);
        Assert.Equal("before rekey", read.GetProperty("data").GetProperty("data").GetProperty("password").GetString());

        // The root key itself changed: the old configuration (old shares, old wrapped root key) no longer opens the
        // keyring, so old shares plus a copy of old storage cannot read what is stored now.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await physical.PutAsync("core/seal-config", oldConfig);
        await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = keys[0] }, HttpStatusCode.OK);
        Assert.Equal(["Unseal failed, invalid key"], await ExpectErrorsAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = keys[1] }));
    }

    [Fact]
    public async Task OnFileStorage_TheNewSharesUnsealAfterARestart()
    {
        var folder = Directory.CreateTempSubdirectory("sv-rekey-").FullName;
        try
        {
            IReadOnlyList<string> newKeys;
            string root;
            await using (var first = await TestServer.StartFileAsync(folder))
            {
                var (keys, token) = await first.InitAsync(3, 2);
                root = token;
                await first.UnsealAsync(keys[0]);
                await first.UnsealAsync(keys[1]);
                await ExpectAsync(first, root, HttpMethod.Put, "v1/cubbyhole/note", new { text = "kept" }, HttpStatusCode.NoContent);
                var nonce = (await ExpectAsync(first, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 2, secret_threshold = 2 }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
                await ExpectAsync(first, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[1], nonce }, HttpStatusCode.OK);
                var done = await ExpectAsync(first, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[2], nonce }, HttpStatusCode.OK);
                newKeys = [.. done.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)];
            }

            var files = new SecretVault.Storage.File.FileBackend(folder);
            Assert.Null(await files.GetAsync("core/keyring-next"));
            Assert.Null(await files.GetAsync("core/root-key"));
            await using var second = await TestServer.StartFileAsync(folder);
            await second.UnsealAsync(newKeys[1]);
            var unsealed = await second.UnsealAsync(newKeys[0]);
            Assert.False(unsealed.GetProperty("sealed").GetBoolean());
            var note = await ExpectAsync(second, root, HttpMethod.Get, "v1/cubbyhole/note", null, HttpStatusCode.OK);
            Assert.Equal("kept", note.GetProperty("data").GetProperty("text").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DataFromBeforeTheWrappedKeyMoved_StillUnseals_AndRekeyMovesIt()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        var physical = server.Host.Services.GetRequiredService<IPhysicalBackend>();

        // The layout written before rekey existed: the wrapped root key in its own entry, not in the configuration.
        var config = JsonDocument.Parse((await physical.GetAsync("core/seal-config"))!).RootElement;
        await physical.PutAsync("core/root-key", config.GetProperty("root_key").GetBytesFromBase64());
        await physical.PutAsync("core/seal-config", JsonSerializer.SerializeToUtf8Bytes(new { type = "shamir", secret_shares = 3, secret_threshold = 2 }));
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await server.UnsealAsync(keys[2]);
        Assert.False((await server.UnsealAsync(keys[0])).GetProperty("sealed").GetBoolean());

        var nonce = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 3, secret_threshold = 2 }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[1], nonce }, HttpStatusCode.OK);
        Assert.Null(await physical.GetAsync("core/root-key"));
        Assert.True(JsonDocument.Parse((await physical.GetAsync("core/seal-config"))!).RootElement.TryGetProperty("root_key", out var wrapped) && wrapped.GetBytesFromBase64().Length > 0);
    }

    [Fact]
    public async Task WithVerification_NewSharesTakeEffectOnlyOnceVerified()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        var nonce = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 1, secret_threshold = 1, require_verification = true }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce }, HttpStatusCode.OK);
        var done = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[1], nonce }, HttpStatusCode.OK);
        Assert.True(done.GetProperty("complete").GetBoolean());
        Assert.True(done.GetProperty("verification_required").GetBoolean());
        var verificationNonce = done.GetProperty("verification_nonce").GetString()!;
        var newKey = Assert.Single(done.GetProperty("keys").EnumerateArray()).GetString()!;
        Assert.Equal(64, newKey.Length);

        // Not yet in effect: the configuration is unchanged and further updates point to verification.
        Assert.Equal(3, (await ExpectAsync(server, null, HttpMethod.Get, "v1/sys/seal-status", null, HttpStatusCode.OK)).GetProperty("n").GetInt32());
        Assert.StartsWith("rekey operation already finished; verification must be performed", Assert.Single(await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[2], nonce })), StringComparison.Ordinal);
        var verify = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/verify", null, HttpStatusCode.OK);
        Assert.Equal(verificationNonce, verify.GetProperty("nonce").GetString());
        Assert.Equal(1, verify.GetProperty("t").GetInt32());
        Assert.Equal(0, verify.GetProperty("progress").GetInt32());

        Assert.StartsWith("incorrect nonce supplied", Assert.Single(await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/verify", new { key = newKey, nonce })), StringComparison.Ordinal);

        // A wrong key of the right length fails verification and changes nothing.
        Assert.Equal(["rekey verification failed; incorrect key shares supplied"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/verify", new { key = new string('a', 64), nonce = verificationNonce }));
        Assert.Equal(3, (await ExpectAsync(server, null, HttpMethod.Get, "v1/sys/seal-status", null, HttpStatusCode.OK)).GetProperty("n").GetInt32());

        // Restarting verification gives a new nonce.
        var restarted = await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/rekey/verify", null, HttpStatusCode.OK);
        var secondNonce = restarted.GetProperty("nonce").GetString()!;
        Assert.NotEqual(verificationNonce, secondNonce);

        var verified = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/verify", new { key = newKey, nonce = secondNonce }, HttpStatusCode.OK);
        Assert.True(verified.GetProperty("complete").GetBoolean());
        var status = await ExpectAsync(server, null, HttpMethod.Get, "v1/sys/seal-status", null, HttpStatusCode.OK);
        Assert.Equal(1, status.GetProperty("n").GetInt32());
        Assert.Equal(1, status.GetProperty("t").GetInt32());

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        var unsealed = await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = newKey }, HttpStatusCode.OK);
        Assert.False(unsealed.GetProperty("sealed").GetBoolean());
    }

    [Fact]
    public async Task BadInput_ForeignShares_AndCancel_BehaveAsVault_AndLeaveTheSealUntouched()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        Assert.Equal(["threshold cannot be larger than shares"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 2, secret_threshold = 3 }));
        Assert.Equal(["shares must be at least one"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_threshold = 1 }));
        Assert.Equal(["PGP-encrypted rekey is not supported by this server"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 3, secret_threshold = 2, pgp_keys = new[] { "a", "b", "c" } }));
        Assert.Equal(["cannot request a backup of the new keys without providing PGP keys for encryption"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 3, secret_threshold = 2, backup = true }));
        Assert.Equal(["no barrier rekey in progress"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce = "x" }));
        Assert.Equal(["no rekey configuration found"], await ExpectErrorsAsync(server, root, HttpMethod.Get, "v1/sys/rekey/verify", null));

        var nonce = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 3, secret_threshold = 2 }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
        Assert.Equal(["rekey already in progress"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 3, secret_threshold = 2 }));
        Assert.StartsWith("incorrect nonce supplied", Assert.Single(await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce = "wrong" })), StringComparison.Ordinal);
        Assert.Equal(["'key' must be specified in request body as JSON"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { nonce }));
        Assert.Equal(["no rekey verification in progress"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/verify", new { key = keys[0], nonce }));
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce }, HttpStatusCode.OK);
        Assert.Equal(["given key has already been provided during this generation operation"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce }));

        // A share of another server completing the threshold: refused, progress starts over, the seal is unchanged.
        await using (var other = await TestServer.StartInMemoryAsync())
        {
            var (foreign, _) = await other.InitAsync(3, 2);
            var errors = await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = foreign[1], nonce });
            Assert.Equal(["rekey aborted: the key shares do not open the root key"], errors);
        }

        Assert.Equal(0, (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.OK)).GetProperty("progress").GetInt32());
        await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/rekey/init", null, HttpStatusCode.NoContent);
        Assert.False((await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = keys[1] }, HttpStatusCode.OK);
        var unsealed = await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = keys[2] }, HttpStatusCode.OK);
        Assert.False(unsealed.GetProperty("sealed").GetBoolean());
    }

    [Fact]
    public async Task WithoutSudo_NobodyCanStartCancelOrDriveARekey_AndSealDropsIt()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        var nonce = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 3, secret_threshold = 2 }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[0], nonce }, HttpStatusCode.OK);

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/almost", new { policy = "path \"sys/rekey/*\" { capabilities = [\"create\", \"read\", \"update\", \"delete\", \"list\"] }" }, HttpStatusCode.NoContent);
        var almost = await CreateTokenAsync(server, root, new { policies = new[] { "almost" } });
        foreach (var token in new[] { null, almost })
        {
            await ExpectAsync(server, token, HttpMethod.Delete, "v1/sys/rekey/init", null, HttpStatusCode.Forbidden);
            await ExpectAsync(server, token, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 1, secret_threshold = 1 }, HttpStatusCode.Forbidden);
            await ExpectAsync(server, token, HttpMethod.Put, "v1/sys/rekey/update", new { key = keys[1], nonce }, HttpStatusCode.Forbidden);
            await ExpectAsync(server, token, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.Forbidden);
        }

        var attempt = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.OK);
        Assert.Equal(nonce, attempt.GetProperty("nonce").GetString());
        Assert.Equal(1, attempt.GetProperty("progress").GetInt32());

        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.ServiceUnavailable);
        await server.UnsealAsync(keys[0]);
        await server.UnsealAsync(keys[1]);
        Assert.False((await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/rekey/init", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());
    }
}
