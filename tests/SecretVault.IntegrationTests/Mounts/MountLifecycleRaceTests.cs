using System.Collections.Concurrent;
using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Mounts;

/// <summary>
/// Issue 15 items 9 and 12: the real server on file storage, its mounts enabled, moved and disabled while many clients
/// write to them. An unmount stops routing, waits for the writes already running and only then deletes the mount's
/// data, so nothing is left behind; no table entry and no acknowledged write is lost.
/// </summary>
public sealed class MountLifecycleRaceTests
{
    private const int Cycles = 8;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Unmount_DuringWrites_LeavesNothingUnderTheMountsStoragePrefix()
    {
        await using var vault = await ProcessVault.StartAsync();
        var unexpected = new ConcurrentBag<string>();
        var leftBehind = new List<string>();
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var mount = $"u{cycle}";
            await vault.ExpectAsync(HttpMethod.Post, $"v1/sys/mounts/{mount}", new { type = "kv" }, HttpStatusCode.NoContent);
            var uuid = (await vault.ExpectAsync(HttpMethod.Get, $"v1/sys/mounts/{mount}", null, HttpStatusCode.OK)).GetProperty("uuid").GetString()!;
            var swarm = ClientSwarm.Start(16, async (client, n) =>
            {
                var status = await vault.StatusAsync(HttpMethod.Put, $"v1/{mount}/k{client}-{n}", new { v = n });
                if (status is >= 500 or 0)
                {
                    unexpected.Add($"{status} {mount}/k{client}-{n}");
                }

                return status == 204;
            });
            await swarm.WaitForAcksAsync(40, Timeout);
            await vault.ExpectAsync(HttpMethod.Delete, $"v1/sys/mounts/{mount}", null, HttpStatusCode.NoContent);
            await swarm.StopAsync();

            var prefix = Path.Combine(vault.DataDirectory, "logical", uuid);
            var files = Directory.Exists(prefix) ? Directory.GetFiles(prefix, "*", SearchOption.AllDirectories).Length : 0;
            if (files > 0)
            {
                leftBehind.Add($"cycle {cycle}: {files} files");
            }
        }

        Assert.True(leftBehind.Count == 0, $"data left under unmounted mounts in {leftBehind.Count} of {Cycles} cycles: {string.Join("; ", leftBehind)}");
        Assert.Empty(unexpected);
    }

    [Fact]
    public async Task MountRemountAndUnmount_InParallelWithWrites_KeepEveryTableEntryAndAcknowledgedWrite()
    {
        await using var vault = await ProcessVault.StartAsync();
        var unexpected = new ConcurrentBag<string>();
        var written = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var live = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var gone = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var (from, to) = ($"s{cycle}", $"d{cycle}");
            await vault.ExpectAsync(HttpMethod.Post, $"v1/sys/mounts/{from}", new { type = "kv" }, HttpStatusCode.NoContent);
            var round = cycle;
            var swarm = ClientSwarm.Start(12, async (client, n) =>
            {
                if (client < 8)
                {
                    // A write lands in the mount's own storage, so one acknowledged before or during the move reads at the new path.
                    var key = $"k{client}-{n}";
                    var status = await vault.StatusAsync(HttpMethod.Put, $"v1/{from}/{key}", new { v = n });
                    Note(unexpected, status, $"{from}/{key}");
                    if (status == 204)
                    {
                        written[$"{to}/{key}"] = n;
                    }

                    return status == 204;
                }

                // Mount churn beside the move: enable a mount, then disable it again on the next step.
                var mount = $"x{round}c{client}n{n / 2}";
                var enable = n % 2 == 0;
                var answer = enable
                    ? await vault.StatusAsync(HttpMethod.Post, $"v1/sys/mounts/{mount}", new { type = "kv" })
                    : await vault.StatusAsync(HttpMethod.Delete, $"v1/sys/mounts/{mount}");
                Note(unexpected, answer, $"sys/mounts/{mount}", 204);
                if (answer != 204)
                {
                    return false;
                }

                (enable ? live : gone)[mount + "/"] = true;
                return true;
            });
            await swarm.WaitForAcksAsync(40, Timeout);
            var moved = await vault.StatusAsync(HttpMethod.Post, "v1/sys/remount", new { from, to });
            Assert.True(moved is >= 200 and < 300, $"remount {from} -> {to} answered {moved}");
            await swarm.WaitForAcksAsync(10, Timeout);
            await swarm.StopAsync();
            live[to + "/"] = true;
            gone[from + "/"] = true;
            await AssertTablesAsync(vault, live, gone, $"cycle {cycle}");
        }

        await vault.SealAsync();
        await vault.UnsealAsync();
        await AssertTablesAsync(vault, live, gone, "after a seal and unseal");
        foreach (var (path, value) in written)
        {
            var read = await vault.ExpectAsync(HttpMethod.Get, $"v1/{path}", null, HttpStatusCode.OK);
            Assert.Equal(value, read.GetProperty("data").GetProperty("v").GetInt32());
        }

        Assert.Empty(unexpected);
    }

    private static void Note(ConcurrentBag<string> unexpected, int status, string what, int? only = null)
    {
        if (status is >= 500 or 0 || (only is { } expected && status != expected))
        {
            unexpected.Add($"{status} {what}");
        }
    }

    private static async Task AssertTablesAsync(ProcessVault vault, ConcurrentDictionary<string, bool> live, ConcurrentDictionary<string, bool> gone, string when)
    {
        var mounts = await vault.DataKeysAsync("v1/sys/mounts");
        var missing = live.Keys.Where(m => !gone.ContainsKey(m) && !mounts.Contains(m)).ToList();
        var stale = gone.Keys.Where(m => mounts.Contains(m)).ToList();
        Assert.True(missing.Count == 0, $"{when}: mounts lost: {string.Join(", ", missing.Take(5))}");
        Assert.True(stale.Count == 0, $"{when}: disabled or moved mounts still listed: {string.Join(", ", stale.Take(5))}");
        Assert.Contains("sys/", mounts);
        Assert.Contains("cubbyhole/", mounts);
    }
}
