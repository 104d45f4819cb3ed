using System.Collections.Concurrent;
using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Seal;

/// <summary>
/// Issue 15 items 1 and 12: the real server on file storage, unsealed and sealed again and again while many clients
/// write mount tables, policies and secrets. Nothing but the seal endpoints is served until every table is loaded,
/// so no table is ever written from one that was not loaded, and a request the seal catches gets 503, never a 404.
/// </summary>
public sealed class SealUnsealRaceTests
{
    private const int Cycles = 8;
    private const int Mounts = 60;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Unseal_WhileMountsAuthMethodsAndPoliciesAreWritten_LosesNoneAndAnswersNo404()
    {
        await using var vault = await ProcessVault.StartAsync();
        var expected = await SetUpAsync(vault);
        var unexpected = new ConcurrentBag<string>();
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            await vault.SealAsync();
            var round = cycle;
            var swarm = ClientSwarm.Start(12, async (client, n) =>
            {
                if (client < 3)
                {
                    return await ReadCanaryAsync(vault, (client * 7) + n, unexpected);
                }

                var name = $"u{round}c{client}n{n}";
                var (path, body, table) = (n % 3) switch
                {
                    0 => ($"v1/sys/mounts/{name}", (object)new { type = "kv" }, expected.Mounts),
                    1 => ($"v1/sys/auth/{name}", new { type = "userpass" }, expected.Auth),
                    _ => ($"v1/sys/policies/acl/{name}", new { policy = "path \"secret/*\" { capabilities = [\"read\"] }" }, expected.Policies),
                };
                var status = await vault.StatusAsync(HttpMethod.Put, path, body);
                if (status is >= 200 and < 300)
                {
                    table.Add(n % 3 == 2 ? name : name + "/");
                    return true;
                }

                Note(unexpected, status, path, 503);
                return false;
            });
            await vault.UnsealAsync();
            await swarm.WaitForAcksAsync(24, Timeout);
            await swarm.StopAsync();
            await AssertNothingLostAsync(vault, expected, $"after unseal {cycle}");
        }

        await vault.SealAsync();
        await vault.UnsealAsync();
        await AssertNothingLostAsync(vault, expected, "after a quiet seal and unseal");
        Assert.Empty(unexpected);
    }

    [Fact]
    public async Task Seal_UnderWrites_AnswersOnly503ToTheRequestsItCatches_AndLosesNoAcknowledgedWrite()
    {
        await using var vault = await ProcessVault.StartAsync();
        var expected = await SetUpAsync(vault);
        var unexpected = new ConcurrentBag<string>();
        var written = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var round = cycle;
            var swarm = ClientSwarm.Start(24, async (client, n) =>
            {
                if (client < 4)
                {
                    return await ReadCanaryAsync(vault, (client * 11) + n, unexpected);
                }

                var (path, body) = client < 6
                    ? ($"v1/sys/mounts/s{round}c{client}n{n}", (object)new { type = "kv" })
                    : ($"v1/m{(client + n) % Mounts}/s{round}c{client}n{n}", new { v = n });
                var status = await vault.StatusAsync(HttpMethod.Put, path, body);
                if (status is >= 200 and < 300)
                {
                    if (client < 6)
                    {
                        expected.Mounts.Add($"s{round}c{client}n{n}/");
                    }
                    else
                    {
                        written[path] = n;
                    }

                    return true;
                }

                Note(unexpected, status, path, 503);
                return false;
            });
            await swarm.WaitForAcksAsync(60, Timeout);
            await vault.SealAsync();
            await swarm.StopAsync();
            await vault.UnsealAsync();
            await AssertNothingLostAsync(vault, expected, $"after seal {cycle}");
        }

        foreach (var (path, value) in written)
        {
            var read = await vault.ExpectAsync(HttpMethod.Get, path, null, HttpStatusCode.OK);
            Assert.Equal(value, read.GetProperty("data").GetProperty("v").GetInt32());
        }

        Assert.Empty(unexpected);
    }

    private static async Task<ExpectedTables> SetUpAsync(ProcessVault vault)
    {
        var expected = new ExpectedTables();
        expected.Mounts.Add("sys/");
        expected.Mounts.Add("cubbyhole/");
        expected.Auth.Add("token/");
        expected.Policies.Add("default");
        for (var i = 0; i < Mounts; i++)
        {
            await vault.ExpectAsync(HttpMethod.Post, $"v1/sys/mounts/m{i}", new { type = "kv" }, HttpStatusCode.NoContent);
            await vault.ExpectAsync(HttpMethod.Put, $"v1/m{i}/canary", new { v = i }, HttpStatusCode.NoContent);
            expected.Mounts.Add($"m{i}/");
        }

        for (var i = 0; i < 4; i++)
        {
            await vault.ExpectAsync(HttpMethod.Post, $"v1/sys/auth/a{i}", new { type = "userpass" }, HttpStatusCode.NoContent);
            expected.Auth.Add($"a{i}/");
            await vault.ExpectAsync(HttpMethod.Put, $"v1/sys/policies/acl/p{i}", new { policy = "path \"m0/*\" { capabilities = [\"read\"] }" }, HttpStatusCode.NoContent);
            expected.Policies.Add($"p{i}");
        }

        return expected;
    }

    // A canary that exists reads back, or the server answers sealed; a 404 would mean a mount was not routed.
    private static async Task<bool> ReadCanaryAsync(ProcessVault vault, int pick, ConcurrentBag<string> unexpected)
    {
        var path = $"v1/m{pick % Mounts}/canary";
        var status = await vault.StatusAsync(HttpMethod.Get, path);
        Note(unexpected, status, path, 200, 503);
        return status == 200;
    }

    private static void Note(ConcurrentBag<string> unexpected, int status, string path, params int[] allowed)
    {
        if (!allowed.Contains(status))
        {
            unexpected.Add($"{status} {path}");
        }
    }

    private static async Task AssertNothingLostAsync(ProcessVault vault, ExpectedTables expected, string when)
    {
        AssertAll(expected.Mounts, await vault.DataKeysAsync("v1/sys/mounts"), "mounts", when);
        AssertAll(expected.Auth, await vault.DataKeysAsync("v1/sys/auth"), "auth methods", when);
        AssertAll(expected.Policies, await vault.DataKeysAsync("v1/sys/policies/acl?list=true"), "policies", when);
    }

    private static void AssertAll(ConcurrentBag<string> expected, IReadOnlySet<string> actual, string what, string when)
    {
        var lost = expected.Where(e => !actual.Contains(e)).ToList();
        Assert.True(lost.Count == 0, $"{when}: {lost.Count} of {expected.Count} {what} lost ({actual.Count} listed), e.g. {string.Join(", ", lost.Take(5))}");
    }

    private sealed class ExpectedTables
    {
        public ConcurrentBag<string> Mounts { get; } = [];

        public ConcurrentBag<string> Auth { get; } = [];

        public ConcurrentBag<string> Policies { get; } = [];
    }
}
