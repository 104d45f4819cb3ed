using System.Net;
using System.Text.Json;
using SecretVault.Core.Leases;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Leases;

/// <summary>
/// The expiration manager's loop in a running server on the real clock. What expiry does (once, at expiry, across
/// restarts, retries, in bulk) is tested without waiting in SecretVault.Core.Tests' LeaseExpiryTests on a manual clock;
/// this proves the server wires the loop to real time.
/// </summary>
public sealed class LeaseExpiryTests
{
    // The default scheduler tick; a lease must be revoked no later than this after it expires (plus scheduling slack).
    private static readonly TimeSpan Tick = new ExpirationOptions().Tick;
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(750);

    private static async Task<JsonElement> RevocationsAsync(TestServer server, string root, string leaseId) =>
        (await ExpectAsync(server, root, HttpMethod.Get, "v1/db/revocations?lease_id=" + Uri.EscapeDataString(leaseId), null, HttpStatusCode.OK)).GetProperty("data");

    [Fact]
    public async Task ExpiredLease_IsRevokedByTheRunningServer_WithinOneTick()
    {
        await using var server = await TestServer.StartInMemoryAsync(services: TestServer.AddLeasedTestEngine);
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/db", new { type = "leased-test" }, HttpStatusCode.NoContent);
        var expireAt = DateTimeOffset.UtcNow.AddMilliseconds(500).ToUnixTimeMilliseconds();
        var id = (await ExpectAsync(server, root, HttpMethod.Get, $"v1/db/creds/app?expire_at_ms={expireAt}", null, HttpStatusCode.OK)).GetProperty("lease_id").GetString()!;

        await Task.Delay(TimeSpan.FromMilliseconds(500) + Tick + Slack);
        var record = await RevocationsAsync(server, root, id);
        Assert.Equal(1, record.GetProperty("count").GetInt32());
        Assert.InRange(record.GetProperty("first_at_ms").GetInt64() - expireAt, 0, (long)(Tick + Slack).TotalMilliseconds);
    }
}
