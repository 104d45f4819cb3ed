using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Kv;

/// <summary>
/// The real server on file storage, SIGKILLed at random moments during streams of KV v2 writes over
/// HTTP: after every restart and unseal each acknowledged write reads back, each key's versions and
/// metadata agree, and every version the metadata names is readable.
/// </summary>
public sealed class KvCrashSafetyTests : IDisposable
{
    private const int Kills = 20;
    private const int Writers = 4;
    private const int KeysPerWriter = 3;

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("sv-kvcrash-");

    // Per key: the sequence number each acknowledged version holds, and how many writes were in flight at kills.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, long>> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _unacknowledged = new();

    [Fact]
    public async Task KillDuringKvWrites_EveryAcknowledgedVersionSurvives()
    {
        var (config, http) = await ServerProcess.ConfigureAsync(_temp.FullName, fileStorage: true);
        using var _ = http;

        string unsealKey;
        string root;
        await using (var first = await StartAsync(config))
        {
            using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
            var body = await JsonBody.ReadAsync(init);
            unsealKey = body.GetProperty("keys")[0].GetString()!;
            root = body.GetProperty("root_token").GetString()!;
            await UnsealAsync(http, unsealKey);
            await SendAsync(http, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
            await SendAsync(http, root, HttpMethod.Post, "v1/secret/config", new { max_versions = 10000 }, HttpStatusCode.NoContent);
            first.Process.Kill();
        }

        long sequence = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var server = await StartAsync(config);
            await UnsealAsync(http, unsealKey);
            await VerifyAsync(http, root);

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(w => WriteUntilKilledAsync(http, root, w, () => Interlocked.Increment(ref sequence), stop.Token)).ToList();
            await Task.Delay(RandomNumberGenerator.GetInt32(30, 400));
            server.Process.Kill();
            await server.Process.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using (var last = await StartAsync(config))
        {
            await UnsealAsync(http, unsealKey);
            await VerifyAsync(http, root);
        }

        Assert.True(_acknowledged.Values.Sum(v => v.Count) >= Kills, "the writers should have had writes acknowledged between kills");
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private static Task<RunningProcess> StartAsync(string config) => ServerProcess.StartAsync(config);

    private async Task WriteUntilKilledAsync(HttpClient http, string root, int writer, Func<long> nextSequence, CancellationToken ct)
    {
        for (var i = 0; !ct.IsCancellationRequested; i++)
        {
            var key = $"w{writer}/k{i % KeysPerWriter}";
            var seq = nextSequence();
            try
            {
                using var request = TestServer.Request(HttpMethod.Put, $"v1/secret/data/{key}", root, new { data = new { seq, pad = new string('x', 200) } });
                using var response = await http.SendAsync(request, CancellationToken.None);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var version = (await JsonBody.ReadAsync(response)).GetProperty("data").GetProperty("version").GetInt64();
                Assert.True(_acknowledged.GetOrAdd(key, _ => new()).TryAdd(version, seq), $"version {version} of {key} acknowledged twice");
            }
            catch (HttpRequestException)
            {
                // The server died under this write: it may or may not have been stored.
                _unacknowledged.AddOrUpdate(key, 1, (_, n) => n + 1);
                return;
            }
            catch (TaskCanceledException)
            {
                _unacknowledged.AddOrUpdate(key, 1, (_, n) => n + 1);
                return;
            }
        }
    }

    private async Task VerifyAsync(HttpClient http, string root)
    {
        foreach (var (key, versions) in _acknowledged)
        {
            var metadata = (await SendAsync(http, root, HttpMethod.Get, $"v1/secret/metadata/{key}", null, HttpStatusCode.OK)).GetProperty("data");
            var current = metadata.GetProperty("current_version").GetInt64();
            var known = metadata.GetProperty("versions").EnumerateObject().Select(p => long.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture)).ToList();

            // Acknowledged versions are all there; beyond them only writes cut off by a kill may have landed.
            Assert.True(current >= versions.Keys.Max(), $"{key}: current_version {current} is behind an acknowledged version");
            Assert.True(current <= versions.Count + _unacknowledged.GetValueOrDefault(key), $"{key}: current_version {current} exceeds what was written");
            Assert.Equal(Enumerable.Range(1, (int)current).Select(v => (long)v), known.Order());

            foreach (var version in known)
            {
                var read = await SendAsync(http, root, HttpMethod.Get, $"v1/secret/data/{key}?version={version}", null, HttpStatusCode.OK);
                var seq = read.GetProperty("data").GetProperty("data").GetProperty("seq").GetInt64();
                if (versions.TryGetValue(version, out var expected))
                {
                    Assert.Equal(expected, seq);
                }
            }
        }
    }

    private static async Task UnsealAsync(HttpClient http, string key)
    {
        using var response = await http.PutAsJsonAsync("v1/sys/unseal", new { key });
        Assert.False((await JsonBody.ReadAsync(response)).GetProperty("sealed").GetBoolean());
    }

    private static Task<JsonElement> SendAsync(HttpClient http, string token, HttpMethod method, string path, object? body, HttpStatusCode expected) =>
        VaultHttp.ExpectAsync(http, token, method, path, body, expected);
}
