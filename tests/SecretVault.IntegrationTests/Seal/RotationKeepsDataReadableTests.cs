using System.Net;
using System.Text;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Seal;

/// <summary>
/// security.md T-C7: barrier rotations, a rekey (5/3 to 7/4) and transit rotations with a raised minimum decryption
/// version, over 10,000 KV entries and 1,000 transit ciphertexts.
/// </summary>
public sealed class RotationKeepsDataReadableTests
{
    private const int KvEntries = 10_000;
    private const int Ciphertexts = 1_000;
    private const int Parallel = 16;

    [Fact]
    public async Task RotateRekeyAndTransitRotation_KeepEveryKvEntryReadable_AndTransitFollowsItsMinimum()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, root) = await server.InitAsync(5, 3);
        foreach (var key in keys.Take(3))
        {
            await server.UnsealAsync(key);
        }

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/t", new { }, HttpStatusCode.OK);

        // KV entries spread over three barrier terms; ciphertexts over two transit versions.
        for (var term = 0; term < 3; term++)
        {
            var first = term * KvEntries / 3;
            var last = (term + 1) * KvEntries / 3;
            await ForEachAsync(Enumerable.Range(first, last - first), i => ExpectAsync(server, root, HttpMethod.Post, $"v1/secret/data/e{i}", new { data = new { i } }, HttpStatusCode.OK));
            await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rotate", null, HttpStatusCode.NoContent);
        }

        var v1 = await EncryptAsync(server, root, Ciphertexts / 2);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/t/rotate", null, HttpStatusCode.OK);
        var v2 = await EncryptAsync(server, root, Ciphertexts / 2);
        Assert.All(v1, c => Assert.StartsWith("vault:v1:", c, StringComparison.Ordinal));
        Assert.All(v2, c => Assert.StartsWith("vault:v2:", c, StringComparison.Ordinal));

        // Rekey 5/3 to 7/4.
        var nonce = (await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/init", new { secret_shares = 7, secret_threshold = 4 }, HttpStatusCode.OK)).GetProperty("nonce").GetString()!;
        IReadOnlyList<string> newKeys = [];
        foreach (var key in keys.Skip(2))
        {
            var answer = await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/rekey/update", new { key, nonce }, HttpStatusCode.OK);
            if (answer.TryGetProperty("keys", out var issued))
            {
                newKeys = [.. issued.EnumerateArray().Select(k => k.GetString()!)];
            }
        }

        Assert.Equal(7, newKeys.Count);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/t/rotate", null, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/t/rotate", null, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/t/config", new { min_decryption_version = 2 }, HttpStatusCode.OK);

        // The old shares no longer unseal (four of them, the new threshold); four new ones do.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        foreach (var key in keys.Take(3))
        {
            await ExpectAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key }, HttpStatusCode.OK);
        }

        Assert.Equal(["Unseal failed, invalid key"], await ExpectErrorsAsync(server, null, HttpMethod.Put, "v1/sys/unseal", new { key = keys[3] }));
        foreach (var key in newKeys.Skip(3))
        {
            await server.UnsealAsync(key);
        }

        Assert.Equal(4, (await ExpectAsync(server, null, HttpMethod.Get, "v1/sys/seal-status", null, HttpStatusCode.OK)).GetProperty("t").GetInt32());

        await ForEachAsync(Enumerable.Range(0, KvEntries), async i =>
        {
            var read = await ExpectAsync(server, root, HttpMethod.Get, $"v1/secret/data/e{i}", null, HttpStatusCode.OK);
            Assert.Equal(i, read.GetProperty("data").GetProperty("data").GetProperty("i").GetInt32());
        });
        Assert.Equal(4, (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/key-status", null, HttpStatusCode.OK)).GetProperty("term").GetInt32());

        // Transit: v1 is below the minimum, v2 decrypts and rewraps to the latest version.
        await ForEachAsync(v1, async c =>
            Assert.Contains("ciphertext or signature version is disallowed by policy (too old)", Assert.Single(await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/decrypt/t", new { ciphertext = c })), StringComparison.Ordinal));
        await ForEachAsync(v2, async c =>
        {
            var plain = (await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/decrypt/t", new { ciphertext = c }, HttpStatusCode.OK)).GetProperty("data").GetProperty("plaintext").GetString()!;
            Assert.StartsWith("item ", Encoding.UTF8.GetString(Convert.FromBase64String(plain)), StringComparison.Ordinal);
        });
        var rewrapped = (await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/rewrap/t", new { ciphertext = v2[0] }, HttpStatusCode.OK)).GetProperty("data").GetProperty("ciphertext").GetString()!;
        Assert.StartsWith("vault:v4:", rewrapped, StringComparison.Ordinal);

        // A nonce on a key that is not convergent is refused (CVE-2023-4680).
        Assert.Equal(["nonce provided when not allowed"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/encrypt/t", new { plaintext = Convert.ToBase64String("x"u8.ToArray()), nonce = Convert.ToBase64String(new byte[12]) }));
    }

    private static async Task<IReadOnlyList<string>> EncryptAsync(TestServer server, string root, int count)
    {
        var ciphertexts = new string[count];
        await ForEachAsync(Enumerable.Range(0, count), async i =>
        {
            var plaintext = Convert.ToBase64String(Encoding.UTF8.GetBytes($"item {i}"));
            ciphertexts[i] = (await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/encrypt/t", new { plaintext }, HttpStatusCode.OK)).GetProperty("data").GetProperty("ciphertext").GetString()!;
        });
        return ciphertexts;
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action) =>
        System.Threading.Tasks.Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (item, _) => await action(item));
}
