using System.Globalization;
using System.Security.Cryptography;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Storage;

/// <summary>
/// SIGKILL in the middle of a stream of writes through the barrier to the file backend: after each
/// restart every acknowledged write reads back intact and nothing stored is corrupt.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("sv-crash-");

    [Fact]
    public async Task KillDuringWrites_EveryAcknowledgedWriteSurvivesIntact()
    {
        var rootKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var acknowledged = new HashSet<long>();
        var inFlight = new HashSet<long>();
        long next = 0;
        for (var round = 0; round < 6; round++)
        {
            var target = RandomNumberGenerator.GetInt32(15, 120);
            await using var writer = RunningProcess.StartDotnet(RepoPaths.CrashHostDll, ["write", _data.FullName, rootKey, next.ToString(CultureInfo.InvariantCulture)]);
            await writer.WaitForOutputAsync($"ack {next + target - 1}", Timeout);
            writer.Process.Kill();
            await writer.Process.WaitForExitAsync();

            var acks = Acks(writer.StandardOutput);
            Assert.NotEmpty(acks);
            acknowledged.UnionWith(acks);
            next = acks.Max() + 1;
            inFlight.Add(next);
        }

        await using var verifier = RunningProcess.StartDotnet(RepoPaths.CrashHostDll, ["verify", _data.FullName, rootKey]);
        var exit = await verifier.WaitForExitAsync(Timeout);
        var lines = verifier.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("corrupt", StringComparison.Ordinal));
        Assert.Equal(0, exit);
        Assert.Contains("done", lines);

        var intact = lines.Where(l => l.StartsWith("ok ", StringComparison.Ordinal)).Select(l => long.Parse(l[3..], CultureInfo.InvariantCulture)).ToHashSet();
        // Every acknowledged write is there; beyond them, at most the one write in flight at each kill.
        Assert.Superset(acknowledged, intact);
        Assert.Subset(acknowledged.Union(inFlight).ToHashSet(), intact);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private static List<long> Acks(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("ack ", StringComparison.Ordinal))
            .Select(l => long.Parse(l[4..], CultureInfo.InvariantCulture))];
}
