using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core.Leases;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Leases;

/// <summary>The expiration manager: revoke at expiry, once, across restarts, and in bulk without stalling requests.</summary>
public sealed class LeaseExpiryTests
{
    // The default scheduler tick; a lease must be revoked no later than this after it expires (plus scheduling slack).
    private static readonly TimeSpan Tick = new ExpirationOptions().Tick;
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(750);

    private static async Task<JsonElement> RevocationsAsync(TestServer server, string root, string leaseId) =>
        (await ExpectAsync(server, root, HttpMethod.Get, "v1/db/revocations?lease_id=" + Uri.EscapeDataString(leaseId), null, HttpStatusCode.OK)).GetProperty("data");

    private static async Task<JsonElement> StatsAsync(TestServer server, string root) =>
        (await ExpectAsync(server, root, HttpMethod.Get, "v1/db/stats", null, HttpStatusCode.OK)).GetProperty("data");

    private static async Task<string> IssueAsync(TestServer server, string token, long expireAtMs) =>
        (await ExpectAsync(server, token, HttpMethod.Get, $"v1/db/creds/app?expire_at_ms={expireAtMs}", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!;

    [Fact]
    public async Task ExpiredLease_IsRevokedOnce_AtExpiry_WithinOneTick()
    {
        await using var server = await TestServer.StartInMemoryAsync(services: TestServer.AddLeasedTestEngine);
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/db", new { type = "leased-test" }, HttpStatusCode.NoContent);
        var expireAt = DateTimeOffset.UtcNow.AddMilliseconds(1500).ToUnixTimeMilliseconds();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await IssueAsync(server, root, expireAt));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(1500) + Tick + Slack);
        foreach (var id in ids)
        {
            var record = await RevocationsAsync(server, root, id);
            Assert.Equal(1, record.GetProperty("count").GetInt32());
            var late = record.GetProperty("first_at_ms").GetInt64() - expireAt;
            Assert.InRange(late, 0, (long)(Tick + Slack).TotalMilliseconds);
        }

        await Task.Delay(Tick * 2);
        Assert.Equal(0, (await StatsAsync(server, root)).GetProperty("revoked_more_than_once").GetInt32());
    }

    [Fact]
    public async Task Restart_RestoresLeases_WithoutBlockingUnseal_AndRevokesEachOnceAtExpiry()
    {
        var folder = Directory.CreateTempSubdirectory("sv-leases-").FullName;
        try
        {
            string root, key, expiringLater, expiredDuringDowntime, pending;
            long laterAt, soonAt;
            await using (var first = await TestServer.StartFileAsync(folder, TestServer.AddLeasedTestEngine))
            {
                var (keys, rootToken) = await first.InitAsync();
                (root, key) = (rootToken, keys[0]);
                await first.UnsealAsync(key);
                await ExpectAsync(first, root, HttpMethod.Post, "v1/sys/mounts/db", new { type = "leased-test" }, HttpStatusCode.NoContent);
                soonAt = DateTimeOffset.UtcNow.AddMilliseconds(1000).ToUnixTimeMilliseconds();
                laterAt = DateTimeOffset.UtcNow.AddSeconds(6).ToUnixTimeMilliseconds();
                expiredDuringDowntime = await IssueAsync(first, root, soonAt);
                expiringLater = await IssueAsync(first, root, laterAt);

                // The state a crash between the engine's issue and the lease's completion leaves: a pending reservation.
                pending = await IssueAsync(first, root, laterAt);
                var store = first.Host.Services.GetRequiredService<LeaseStore>();
                var lease = (await store.GetAsync(pending))!;
                await store.PutAsync(lease with { Pending = true, InternalData = new Dictionary<string, string>() });
                await ExpectAsync(first, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
            }

            await Task.Delay(1500);
            await using var second = await TestServer.StartFileAsync(folder, TestServer.AddLeasedTestEngine);
            var clock = Stopwatch.StartNew();
            await second.UnsealAsync(key);
            await ExpectAsync(second, root, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"first request answered {clock.ElapsedMilliseconds} ms after unseal");

            await Task.Delay(Tick + Slack);
            var missed = await RevocationsAsync(second, root, expiredDuringDowntime);
            Assert.Equal(1, missed.GetProperty("count").GetInt32());
            var incomplete = await RevocationsAsync(second, root, pending);
            Assert.Equal(1, incomplete.GetProperty("count").GetInt32());
            Assert.True(incomplete.GetProperty("incomplete").GetBoolean());
            Assert.Equal(0, (await RevocationsAsync(second, root, expiringLater)).GetProperty("count").GetInt32());

            var wait = DateTimeOffset.FromUnixTimeMilliseconds(laterAt) - DateTimeOffset.UtcNow;
            await Task.Delay((wait > TimeSpan.Zero ? wait : TimeSpan.Zero) + Tick + Slack);
            var later = await RevocationsAsync(second, root, expiringLater);
            Assert.Equal(1, later.GetProperty("count").GetInt32());
            Assert.InRange(later.GetProperty("first_at_ms").GetInt64() - laterAt, 0, (long)(Tick + Slack).TotalMilliseconds);
            var stats = await StatsAsync(second, root);
            Assert.Equal(0, stats.GetProperty("outstanding").GetInt32());
            Assert.Equal(0, stats.GetProperty("revoked_more_than_once").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TenThousandLeasesExpiringInOneSecond_AreAllRevoked_WithoutStallingRequests()
    {
        const int count = 10_000;
        await using var server = await TestServer.StartInMemoryAsync(services: TestServer.AddLeasedTestEngine);
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/db", new { type = "leased-test" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/kv/probe", new { value = "x" }, HttpStatusCode.NoContent);

        var expireAt = DateTimeOffset.UtcNow.AddSeconds(25).ToUnixTimeMilliseconds();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await IssueAsync(server, root, expireAt);
            }
        }));
        Assert.True(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < expireAt, "issuing took longer than the leases live");

        // Probe a KV read every 20 ms from just before the expiry until everything is revoked.
        await Task.Delay(DateTimeOffset.FromUnixTimeMilliseconds(expireAt) - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(200));
        var slowest = TimeSpan.Zero;
        var done = Stopwatch.StartNew();
        JsonElement stats = default;
        while (done.Elapsed < TimeSpan.FromSeconds(60))
        {
            var probe = Stopwatch.StartNew();
            await ExpectAsync(server, root, HttpMethod.Get, "v1/kv/probe", null, HttpStatusCode.OK);
            slowest = probe.Elapsed > slowest ? probe.Elapsed : slowest;
            if (done.ElapsedMilliseconds % 500 < 25)
            {
                stats = await StatsAsync(server, root);
                if (stats.GetProperty("revoked").GetInt32() == count)
                {
                    break;
                }
            }

            await Task.Delay(20);
        }

        stats = await StatsAsync(server, root);
        Assert.Equal(count, stats.GetProperty("revoked").GetInt32());
        Assert.Equal(0, stats.GetProperty("outstanding").GetInt32());
        Assert.Equal(0, stats.GetProperty("revoked_more_than_once").GetInt32());
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a KV read took {slowest.TotalMilliseconds:F0} ms during the mass expiry");
        using var left = await server.Http.SendAsync(TestServer.Request(new HttpMethod("LIST"), "v1/sys/leases/lookup/db/", root));
        Assert.Equal(HttpStatusCode.NotFound, left.StatusCode);
    }
}
