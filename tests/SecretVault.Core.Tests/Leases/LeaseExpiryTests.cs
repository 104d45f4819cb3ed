using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core.Leases;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Hosting;
using SecretVault.Testing.Plugins.Leased;

namespace SecretVault.Core.Tests.Leases;

/// <summary>
/// The expiration manager through the whole core (no Kestrel, in-memory storage, a manual clock): revoke at expiry and
/// not before, once, across restarts, with retries, and in bulk while requests are served. Time moves only by hand.
/// </summary>
public sealed class LeaseExpiryTests
{
    private static async Task<CoreTestHost> StartAsync(ExpirationOptions? options = null)
    {
        var host = await CoreTestHost.StartAsync(services =>
        {
            services.AddSingleton<ILogicalBackendFactory, LeasedSecretsBackendFactory>();
            if (options is not null)
            {
                services.AddSingleton(options);
            }
        });
        (await host.SendAsync(Operation.Update, "sys/mounts/db", new { type = LeasedSecretsBackendFactory.TypeName })).EnsureSuccess();
        return host;
    }

    private static async Task<string> IssueAsync(CoreTestHost host, string ttl) =>
        (await host.SendAsync(Operation.Read, "db/creds/app", new { ttl })).EnsureSuccess().LeaseId!;

    private static async Task<CoreResult> RevocationsAsync(CoreTestHost host, string leaseId) =>
        (await host.SendAsync(Operation.Read, "db/revocations", new { lease_id = leaseId })).EnsureSuccess();

    private static async Task<CoreResult> StatsAsync(CoreTestHost host) =>
        (await host.SendAsync(Operation.Read, "db/stats")).EnsureSuccess();

    [Fact]
    public async Task ExpiredLease_IsRevokedOnce_AtExpiry_NotBefore()
    {
        await using var host = await StartAsync();
        var expireAt = host.Clock.GetUtcNow().AddSeconds(90).ToUnixTimeMilliseconds();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await IssueAsync(host, "90s"));
        }

        await host.AdvanceAsync(TimeSpan.FromSeconds(90) - TimeSpan.FromMilliseconds(1));
        foreach (var id in ids)
        {
            Assert.Equal(0, (await RevocationsAsync(host, id)).Number("count"));
        }

        await host.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        foreach (var id in ids)
        {
            var record = await RevocationsAsync(host, id);
            Assert.Equal(1, record.Number("count"));
            Assert.Equal(expireAt, record.Number("first_at_ms"));
        }

        await host.AdvanceAsync(TimeSpan.FromHours(1));
        var stats = await StatsAsync(host);
        Assert.Equal(0, stats.Number("revoked_more_than_once"));
        Assert.Equal(0, stats.Number("outstanding"));
        Assert.Equal(400, (await host.SendAsync(Operation.Update, "sys/leases/lookup", new { lease_id = ids[0] })).Status);
    }

    [Fact]
    public async Task Restart_RestoresLeases_AndRevokesEachOnceAtExpiry_AnIncompleteIssueAtOnce()
    {
        var first = await StartAsync();
        var expiredDuringDowntime = await IssueAsync(first, "1s");
        var expiringLater = await IssueAsync(first, "6s");
        var laterAt = first.Clock.GetUtcNow().AddSeconds(6).ToUnixTimeMilliseconds();

        // The state a crash between the engine's issue and the lease's completion leaves: a pending reservation.
        var pending = await IssueAsync(first, "6s");
        var store = first.Services.GetRequiredService<LeaseStore>();
        var lease = (await store.GetAsync(pending))!;
        await store.PutAsync(lease with { Pending = true, InternalData = new Dictionary<string, string>() });

        first.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await using var second = await first.RestartAsync();
        Assert.Equal(200, (await second.SendAsync(Operation.Read, "auth/token/lookup-self")).Status);

        await second.RunExpiryAsync();
        Assert.Equal(1, (await RevocationsAsync(second, expiredDuringDowntime)).Number("count"));
        var incomplete = await RevocationsAsync(second, pending);
        Assert.Equal(1, incomplete.Number("count"));
        Assert.Equal(true, incomplete.Field("incomplete"));
        Assert.Equal(0, (await RevocationsAsync(second, expiringLater)).Number("count"));

        await second.AdvanceAsync(TimeSpan.FromSeconds(4.5));
        var later = await RevocationsAsync(second, expiringLater);
        Assert.Equal(1, later.Number("count"));
        Assert.Equal(laterAt, later.Number("first_at_ms"));
        var stats = await StatsAsync(second);
        Assert.Equal(0, stats.Number("outstanding"));
        Assert.Equal(0, stats.Number("revoked_more_than_once"));
    }

    [Fact]
    public async Task TenThousandLeasesExpiringTogether_AreAllRevoked_WhileRequestsAreServed()
    {
        const int count = 10_000;
        await using var host = await StartAsync();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await IssueAsync(host, "25s");
            }
        })));

        host.Clock.Advance(TimeSpan.FromSeconds(25));
        var sweep = host.RunExpiryAsync();
        var slowest = TimeSpan.Zero;
        var probes = 0;
        while (!sweep.IsCompleted)
        {
            var probe = Stopwatch.StartNew();
            Assert.Equal(200, (await host.SendAsync(Operation.Read, "auth/token/lookup-self")).Status);
            slowest = probe.Elapsed > slowest ? probe.Elapsed : slowest;
            probes++;
        }

        Assert.Equal(count, await sweep);
        var stats = await StatsAsync(host);
        Assert.Equal(count, stats.Number("revoked"));
        Assert.Equal(0, stats.Number("outstanding"));
        Assert.Equal(0, stats.Number("revoked_more_than_once"));
        Assert.True(probes > 0, "no request ran during the mass expiry");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a request took {slowest.TotalMilliseconds:F0} ms during the mass expiry");
        Assert.Equal(404, (await host.SendAsync(Operation.List, "sys/leases/lookup/db/")).Status);
    }

    [Fact]
    public async Task FailedRevocations_AreRetriedWithBackoff_ThenIrrevocableAndListed_AndForceClearsThem()
    {
        await using var host = await StartAsync(new ExpirationOptions { MaxRevokeAttempts = 3 });
        var leaseId = await IssueAsync(host, "1s");
        (await host.SendAsync(Operation.Update, "db/config", new { fail_revoke = true })).EnsureSuccess();

        // A sync revoke reports the backend's error and keeps the lease; it is the first failed attempt.
        var refused = await host.SendAsync(Operation.Update, "sys/leases/revoke", new { lease_id = leaseId, sync = true });
        Assert.Equal(400, refused.Status);
        Assert.Contains("target unreachable", Assert.Single(refused.Errors), StringComparison.Ordinal);

        // The expiry at 1 s is the second attempt; the retry the first failure scheduled (10-12 s) is the third and last.
        Assert.Equal(0, await IrrevocableCountAsync(host));
        await host.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await IrrevocableCountAsync(host));
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await IrrevocableCountAsync(host));

        var listed = (await host.SendAsync(Operation.Read, "sys/leases", new { type = "irrevocable" })).EnsureSuccess();
        var entry = (IDictionary<string, object?>)Assert.Single((IEnumerable<object>)listed.Field("leases")!);
        Assert.Equal(leaseId, entry["lease_id"]);
        Assert.Contains("target unreachable", (string)entry["error"]!, StringComparison.Ordinal);
        var lookup = (await host.SendAsync(Operation.Update, "sys/leases/lookup", new { lease_id = leaseId })).EnsureSuccess();
        Assert.Equal(true, lookup.Field("irrevocable"));
        Assert.Equal(0, (await RevocationsAsync(host, leaseId)).Number("count"));
        var untyped = await host.SendAsync(Operation.Read, "sys/leases/count");
        Assert.Equal(400, untyped.Status);
        Assert.Equal(["'type' is required: the only supported type is \"irrevocable\""], untyped.Errors);

        // Marked irrevocable, the lease is retried no more however long it stays.
        await host.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(1, await IrrevocableCountAsync(host));

        (await host.SendAsync(Operation.Update, "sys/leases/revoke-force/db/")).EnsureSuccess();
        Assert.Equal(0, await IrrevocableCountAsync(host));
    }

    private static async Task<long> IrrevocableCountAsync(CoreTestHost host) =>
        (await host.SendAsync(Operation.Read, "sys/leases/count", new { type = "irrevocable" })).EnsureSuccess().Number("lease_count");
}
