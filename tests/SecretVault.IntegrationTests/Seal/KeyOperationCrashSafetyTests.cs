using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Seal;

/// <summary>
/// security.md T-F2: the real server on file storage, SIGKILLed at random moments during key operations (a rekey's
/// commit; barrier and transit key rotations): after every restart the right shares unseal and all data reads.
/// </summary>
public sealed class KeyOperationCrashSafetyTests : IDisposable
{
    private const int Kills = 8;

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("sv-keycrash-");

    [Fact]
    public async Task KillAroundTheRekeyCommit_ExactlyOneShareSetUnseals_AndDataSurvives()
    {
        var (config, http) = await ServerProcess.ConfigureAsync(_temp.FullName, fileStorage: true);
        using var _ = http;

        IReadOnlyList<string> current;
        string root;
        await using (var first = await StartAsync(config))
        {
            using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 3, secret_threshold = 2 });
            var body = await JsonBody.ReadAsync(init);
            current = [.. body.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)];
            root = body.GetProperty("root_token").GetString()!;
            Assert.True(await TryUnsealAsync(http, current));
            await SendAsync(http, root, HttpMethod.Put, "v1/cubbyhole/canary", new { round = -1 }, HttpStatusCode.NoContent);
            first.Process.Kill();
        }

        IReadOnlyList<string>? candidate = null;
        int newTaken = 0, oldKept = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var server = await StartAsync(config);

            // Exactly one of the two sets opens the server: the old one if the kill came before the commit.
            var oldWorks = await TryUnsealAsync(http, current);
            var newWorks = !oldWorks && candidate is not null && await TryUnsealAsync(http, candidate);
            Assert.True(oldWorks || newWorks, $"round {kill}: neither the old nor the new shares unseal");
            if (newWorks)
            {
                current = candidate!;
                newTaken++;
            }
            else if (candidate is not null)
            {
                oldKept++;
            }

            candidate = null;
            var canary = await SendAsync(http, root, HttpMethod.Get, "v1/cubbyhole/canary", null, HttpStatusCode.OK);
            Assert.Equal(kill - 1, canary.GetProperty("data").GetProperty("round").GetInt32());
            await SendAsync(http, root, HttpMethod.Put, "v1/cubbyhole/canary", new { round = kill }, HttpStatusCode.NoContent);

            // A rekey with verification up to its last share; the new shares are known before the commit.
            var nonce = (await SendAsync(http, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 3, secret_threshold = 2, require_verification = true }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
            await SendAsync(http, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = current[0], nonce }, HttpStatusCode.OK);
            var done = await SendAsync(http, root, HttpMethod.Put, "v1/sys/rekey/update", new { key = current[1], nonce }, HttpStatusCode.OK);
            candidate = [.. done.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)];
            var verificationNonce = done.GetProperty("verification_nonce").GetString()!;
            await SendAsync(http, root, HttpMethod.Put, "v1/sys/rekey/verify", new { key = candidate[2], nonce = verificationNonce }, HttpStatusCode.OK);

            var last = SendQuietlyAsync(http, root, "v1/sys/rekey/verify", new { key = candidate[0], nonce = verificationNonce });
            await Task.Delay(RandomNumberGenerator.GetInt32(0, 12));
            server.Process.Kill();
            await server.Process.WaitForExitAsync();
            await last;
        }

        await using (var final = await StartAsync(config))
        {
            var oldWorks = await TryUnsealAsync(http, current);
            Assert.True(oldWorks || await TryUnsealAsync(http, candidate!), "after the last kill neither share set unseals");
            var canary = await SendAsync(http, root, HttpMethod.Get, "v1/cubbyhole/canary", null, HttpStatusCode.OK);
            Assert.Equal(Kills - 1, canary.GetProperty("data").GetProperty("round").GetInt32());
        }

        Assert.Equal(Kills - 1, newTaken + oldKept);
    }

    [Fact]
    public async Task KillDuringBarrierAndTransitRotations_KeepsEveryTermAndVersion()
    {
        var (config, http) = await ServerProcess.ConfigureAsync(_temp.FullName, fileStorage: true);
        using var _ = http;
        IReadOnlyList<string> keys;
        string root;
        await using (var first = await StartAsync(config))
        {
            using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
            var body = await JsonBody.ReadAsync(init);
            keys = [.. body.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)];
            root = body.GetProperty("root_token").GetString()!;
            Assert.True(await TryUnsealAsync(http, keys));
            await SendAsync(http, root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
            await SendAsync(http, root, HttpMethod.Post, "v1/transit/keys/k", new { }, HttpStatusCode.OK);
            first.Process.Kill();
        }

        var ciphertexts = new List<string>();
        long lastTerm = 1;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var server = await StartAsync(config);
            Assert.True(await TryUnsealAsync(http, keys), $"round {kill}: the shares no longer unseal");

            // Every term survives (never goes back) and every ciphertext made so far still decrypts.
            var term = (await SendAsync(http, root, HttpMethod.Get, "v1/sys/key-status", null, HttpStatusCode.OK)).GetProperty("term").GetInt64();
            Assert.True(term >= lastTerm, $"round {kill}: term {term} went back from {lastTerm}");
            lastTerm = term;
            foreach (var ciphertext in ciphertexts)
            {
                var plain = (await SendAsync(http, root, HttpMethod.Post, "v1/transit/decrypt/k", new { ciphertext }, HttpStatusCode.OK)).GetProperty("data").GetProperty("plaintext").GetString();
                Assert.Equal(Convert.ToBase64String("crash"u8.ToArray()), plain);
            }

            ciphertexts.Add((await SendAsync(http, root, HttpMethod.Post, "v1/transit/encrypt/k", new { plaintext = Convert.ToBase64String("crash"u8.ToArray()) }, HttpStatusCode.OK)).GetProperty("data").GetProperty("ciphertext").GetString()!);
            await SendAsync(http, root, HttpMethod.Put, $"v1/cubbyhole/r{kill}", new { term }, HttpStatusCode.NoContent);

            var inFlight = new[]
            {
                SendQuietlyAsync(http, root, "v1/sys/rotate", new { }),
                SendQuietlyAsync(http, root, "v1/transit/keys/k/rotate", new { }),
                SendQuietlyAsync(http, root, $"v1/cubbyhole/w{kill}", new { x = 1 }),
            };
            await Task.Delay(RandomNumberGenerator.GetInt32(0, 15));
            server.Process.Kill();
            await server.Process.WaitForExitAsync();
            await Task.WhenAll(inFlight);
        }

        await using var last = await StartAsync(config);
        Assert.True(await TryUnsealAsync(http, keys));
        for (var round = 0; round < Kills; round++)
        {
            await SendAsync(http, root, HttpMethod.Get, $"v1/cubbyhole/r{round}", null, HttpStatusCode.OK);
        }
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private static Task<RunningProcess> StartAsync(string config) => ServerProcess.StartAsync(config);

    /// <summary>Gives the first two shares of <paramref name="shares"/>; true when the server unsealed, false when they were refused.</summary>
    private static async Task<bool> TryUnsealAsync(HttpClient http, IReadOnlyList<string> shares)
    {
        foreach (var key in shares.Take(2))
        {
            using var response = await http.PutAsJsonAsync("v1/sys/unseal", new { key });
            var body = await JsonBody.ReadAsync(response);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("Unseal failed, invalid key", body.GetProperty("errors")[0].GetString());
                return false;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (!body.GetProperty("sealed").GetBoolean())
            {
                return true;
            }
        }

        return false;
    }

    private static async Task SendQuietlyAsync(HttpClient http, string token, string path, object body)
    {
        try
        {
            using var response = await http.SendAsync(TestServer.Request(HttpMethod.Put, path, token, body));
        }
        catch (HttpRequestException)
        {
            // Killed under the request: it may or may not have committed; the next round finds out.
        }
        catch (TaskCanceledException)
        {
        }
    }

    private static Task<JsonElement> SendAsync(HttpClient http, string token, HttpMethod method, string path, object? body, HttpStatusCode expected) =>
        VaultHttp.ExpectAsync(http, token, method, path, body, expected);
}
