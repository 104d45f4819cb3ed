using System.Net;
using System.Text.Json;
using SecretVault.Core.Seal;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Seal;

/// <summary><c>sys/generate-root/*</c> and <c>sys/decode-token</c> over real HTTP: a quorum of share holders mints a root token.</summary>
public sealed class GenerateRootTests
{
    private static async Task<(TestServer Server, IReadOnlyList<string> Keys, string Root)> StartAsync()
    {
        var server = await TestServer.StartInMemoryAsync();
        var (keys, root) = await server.InitAsync(shares: 5, threshold: 3);
        foreach (var key in keys.Take(3))
        {
            await server.UnsealAsync(key);
        }

        return (server, keys, root);
    }

    [Fact]
    public async Task ThresholdOfShares_MintsAWorkingRootToken_EncodedWithTheServersOtp()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        var idle = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK);
        Assert.False(idle.GetProperty("started").GetBoolean());
        Assert.Equal(3, idle.GetProperty("required").GetInt32());
        Assert.Equal(RootTokenGeneration.OtpLength, idle.GetProperty("otp_length").GetInt32());

        var started = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/attempt", new { }, HttpStatusCode.OK);
        Assert.True(started.GetProperty("started").GetBoolean());
        var nonce = started.GetProperty("nonce").GetString()!;
        var otp = started.GetProperty("otp").GetString()!;
        Assert.Equal(RootTokenGeneration.OtpLength, otp.Length);
        Assert.All(otp, c => Assert.True(char.IsAsciiLetterOrDigit(c)));

        // The OTP is shown once: reading the attempt does not repeat it.
        var read = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK);
        Assert.Equal("", read.GetProperty("otp").GetString());
        Assert.Equal(nonce, read.GetProperty("nonce").GetString());

        // Any three of the five shares, in hex or base64; a repeated share is refused and does not count.
        var first = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key = keys[4], nonce }, HttpStatusCode.OK);
        Assert.Equal(1, first.GetProperty("progress").GetInt32());
        Assert.False(first.GetProperty("complete").GetBoolean());
        Assert.Equal(["given key has already been provided during this generation operation"], await ErrorsAsync(server, root, "v1/sys/generate-root/update", new { key = keys[4], nonce }));
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key = Convert.ToBase64String(Convert.FromHexString(keys[1])), nonce }, HttpStatusCode.OK);
        var done = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key = keys[2], nonce }, HttpStatusCode.OK);
        Assert.True(done.GetProperty("complete").GetBoolean());
        Assert.Equal(3, done.GetProperty("progress").GetInt32());
        var encoded = done.GetProperty("encoded_token").GetString()!;
        Assert.Equal(encoded, done.GetProperty("encoded_root_token").GetString());
        Assert.DoesNotContain("=", encoded, StringComparison.Ordinal);

        // Vault's encoding: base64 (no padding) of token XOR OTP; decode-token needs no token.
        var decoded = (await ExpectAsync(server, null, HttpMethod.Post, "v1/sys/decode-token", new { encoded_token = encoded, otp }, HttpStatusCode.OK)).GetProperty("data").GetProperty("token").GetString()!;
        var local = new string(Convert.FromBase64String(encoded + new string('=', (4 - (encoded.Length % 4)) % 4)).Select((b, i) => (char)(b ^ otp[i])).ToArray());
        Assert.Equal(local, decoded);
        Assert.StartsWith("hvs.", decoded, StringComparison.Ordinal);
        Assert.NotEqual(root, decoded);

        var self = (await ExpectAsync(server, decoded, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(["root"], self.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(0, self.GetProperty("ttl").GetInt64());
        Assert.Equal("auth/token/root", self.GetProperty("path").GetString());

        // The attempt is over.
        Assert.False((await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());
    }

    [Fact]
    public async Task CallersOtp_WrongShares_Nonce_AndCancel_BehaveAsVault()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        var otp = new string('a', RootTokenGeneration.OtpLength);
        Assert.Equal(["OTP string has incorrect length"], await ErrorsAsync(server, root, "v1/sys/generate-root/attempt", new { otp = "short" }));

        // 28 characters but not 28 bytes: Vault counts bytes, so this is the wrong length, refused at the start,
        // before any share is spent or any token minted.
        Assert.Equal(["OTP string has incorrect length"], await ErrorsAsync(server, root, "v1/sys/generate-root/attempt", new { otp = "é" + new string('a', RootTokenGeneration.OtpLength - 1) }));
        Assert.Equal(["pgp_key is not supported by this server; use an OTP"], await ErrorsAsync(server, root, "v1/sys/generate-root/attempt", new { pgp_key = "bWFkZSB1cA==" }));
        Assert.Equal(["no root generation in progress"], await ErrorsAsync(server, root, "v1/sys/generate-root/update", new { key = keys[0], nonce = "x" }));

        var started = await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/generate-root/attempt", new { otp }, HttpStatusCode.OK);
        Assert.Equal("", started.GetProperty("otp").GetString());
        var nonce = started.GetProperty("nonce").GetString()!;
        Assert.Equal(["root generation already in progress"], await ErrorsAsync(server, root, "v1/sys/generate-root/attempt", new { }));
        Assert.StartsWith("incorrect nonce supplied", Assert.Single(await ErrorsAsync(server, root, "v1/sys/generate-root/update", new { key = keys[0], nonce = "wrong" })), StringComparison.Ordinal);
        Assert.Equal(["'key' must be a valid hex or base64 string"], await ErrorsAsync(server, root, "v1/sys/generate-root/update", new { key = "not a key!", nonce }));

        // Shares of another server combine to a key that does not open this root key: refused, progress reset, attempt kept.
        await using (var other = await TestServer.StartInMemoryAsync())
        {
            var (foreign, _) = await other.InitAsync(shares: 5, threshold: 3);
            await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key = foreign[0], nonce }, HttpStatusCode.OK);
            await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key = foreign[1], nonce }, HttpStatusCode.OK);
            var errors = await ErrorsAsync(server, root, "v1/sys/generate-root/update", new { key = foreign[2], nonce });
            Assert.Equal(["root generation aborted: the key shares do not open the root key"], errors);
            Assert.DoesNotContain(foreign[2], errors[0], StringComparison.OrdinalIgnoreCase);
        }

        var after = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK);
        Assert.True(after.GetProperty("started").GetBoolean());
        Assert.Equal(0, after.GetProperty("progress").GetInt32());

        // The right shares then work with the caller's OTP.
        JsonElement done = default;
        foreach (var key in keys.Take(3))
        {
            done = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key, nonce }, HttpStatusCode.OK);
        }

        var token = RootTokenEncoding.Decode(done.GetProperty("encoded_token").GetString()!, otp);
        await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);

        // Cancel drops the attempt and its shares; cancelling nothing is fine.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/attempt", new { }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/generate-root/attempt", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/generate-root/attempt", null, HttpStatusCode.NoContent);
        Assert.False((await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());
    }

    [Fact]
    public async Task OtpLength_Is28AsVaults_AClientsOwn28CharacterOtpIsAccepted_AndTheRootTokenIsHvsPlus24()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        Assert.Equal(28, root.Length);
        Assert.Equal(28, (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK)).GetProperty("otp_length").GetInt32());

        // A client that makes its own OTP (hvac, the vault CLI's -generate-otp) uses Vault's 28; 37 is not a Vault length.
        Assert.Equal(["OTP string has incorrect length"], await ErrorsAsync(server, root, "v1/sys/generate-root/attempt", new { otp = new string('a', 37) }));
        const string otp = "Zq3uVb8XcN1mKp0LrT7wYe5oHs2D";
        var nonce = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/attempt", new { otp }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
        JsonElement done = default;
        foreach (var key in keys.Take(3))
        {
            done = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key, nonce }, HttpStatusCode.OK);
        }

        var token = (await ExpectAsync(server, null, HttpMethod.Post, "v1/sys/decode-token", new { encoded_token = done.GetProperty("encoded_token").GetString(), otp }, HttpStatusCode.OK)).GetProperty("data").GetProperty("token").GetString()!;
        Assert.Matches("^hvs\\.[0-9A-Za-z]{24}$", token);
        await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);

        // Vault takes any OTP of 28 bytes, not only base62 ones (the CLI's are base62); 26 ASCII and one 2-byte character too.
        foreach (var other in new[] { "-_.~" + new string('x', 24), "é" + new string('y', 26) })
        {
            await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/generate-root/attempt", null, HttpStatusCode.NoContent);
            var attempt = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/attempt", new { otp = other }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
            foreach (var key in keys.Take(3))
            {
                done = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key, nonce = attempt }, HttpStatusCode.OK);
            }

            var minted = (await ExpectAsync(server, null, HttpMethod.Post, "v1/sys/decode-token", new { encoded_token = done.GetProperty("encoded_token").GetString(), otp = other }, HttpStatusCode.OK)).GetProperty("data").GetProperty("token").GetString()!;
            Assert.Matches("^hvs\\.[0-9A-Za-z]{24}$", minted);
        }

        // Service tokens have the same length; batch tokens keep their prefix and are longer.
        var service = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create", new { }, HttpStatusCode.OK)).GetProperty("auth").GetProperty("client_token").GetString()!;
        Assert.Matches("^hvs\\.[0-9A-Za-z]{24}$", service);
        var batch = (await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/create", new { type = "batch", policies = new[] { "default" } }, HttpStatusCode.OK)).GetProperty("auth").GetProperty("client_token").GetString()!;
        Assert.Matches("^hvb\\.[0-9A-Za-z]{33}$", batch);
    }

    [Fact]
    public async Task WithoutSudo_NobodyCanStartCancelOrOccupyTheAttempt()
    {
        var (server, keys, root) = await StartAsync();
        await using var _ = server;
        var started = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/attempt", new { }, HttpStatusCode.OK);
        var nonce = started.GetProperty("nonce").GetString()!;
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/generate-root/update", new { key = keys[0], nonce }, HttpStatusCode.OK);

        // Every capability on the paths but sudo is not enough: they are root paths.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/almost", new { policy = "path \"sys/generate-root/*\" { capabilities = [\"create\", \"read\", \"update\", \"delete\", \"list\"] }" }, HttpStatusCode.NoContent);
        var plain = await CreateTokenAsync(server, root, new { policies = new[] { "default" } });
        var almost = await CreateTokenAsync(server, root, new { policies = new[] { "almost" } });
        foreach (var token in new[] { null, plain, almost })
        {
            await ExpectAsync(server, token, HttpMethod.Delete, "v1/sys/generate-root/attempt", null, HttpStatusCode.Forbidden);
            await ExpectAsync(server, token, HttpMethod.Put, "v1/sys/generate-root/attempt", new { }, HttpStatusCode.Forbidden);
            await ExpectAsync(server, token, HttpMethod.Put, "v1/sys/generate-root/update", new { key = keys[1], nonce }, HttpStatusCode.Forbidden);
            await ExpectAsync(server, token, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.Forbidden);
        }

        // The operator's attempt is untouched.
        var attempt = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK);
        Assert.Equal(nonce, attempt.GetProperty("nonce").GetString());
        Assert.Equal(1, attempt.GetProperty("progress").GetInt32());

        // A policy with sudo on the paths is enough; the attempt is dropped on seal.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/generate-root", new { policy = "path \"sys/generate-root/*\" { capabilities = [\"read\", \"update\", \"delete\", \"sudo\"] }" }, HttpStatusCode.NoContent);
        var operatorToken = await CreateTokenAsync(server, root, new { policies = new[] { "generate-root" } });
        Assert.Equal(1, (await ExpectAsync(server, operatorToken, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK)).GetProperty("progress").GetInt32());
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await ExpectAsync(server, operatorToken, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.ServiceUnavailable);
        foreach (var key in keys.Take(3))
        {
            await server.UnsealAsync(key);
        }

        Assert.False((await ExpectAsync(server, operatorToken, HttpMethod.Get, "v1/sys/generate-root/attempt", null, HttpStatusCode.OK)).GetProperty("started").GetBoolean());
    }

    private static Task<IReadOnlyList<string>> ErrorsAsync(TestServer server, string token, string path, object body) =>
        ExpectErrorsAsync(server, token, HttpMethod.Put, path, body);
}
