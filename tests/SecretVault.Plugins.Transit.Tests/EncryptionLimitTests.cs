using System.Text.Json;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Transit.Tests;

/// <summary>NIST SP 800-38D's bound on random-nonce GCM: each key version encrypts a limited number of times.</summary>
public sealed class EncryptionLimitTests
{
    private readonly TransitHarness _t = new(new EncryptionLimits(PerVersion: 10, Block: 4));

    [Fact]
    public async Task Reservations_AreStoredInBlocks_BeforeTheCountsAreUsed()
    {
        await _t.CreateKeyAsync("k");
        Assert.Equal(0, await ReservedAsync("k", 1));
        await _t.EncryptAsync("k", "x");
        Assert.Equal(4, await ReservedAsync("k", 1));
        for (var i = 0; i < 4; i++)
        {
            await _t.EncryptAsync("k", "x");
        }

        Assert.Equal(8, await ReservedAsync("k", 1));
    }

    [Fact]
    public async Task AtTheLimit_TheLatestVersionRotates_AndAnExplicitOldVersionIsRefused()
    {
        await _t.CreateKeyAsync("k");
        var ciphertexts = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ciphertexts.Add(await _t.EncryptAsync("k", $"m{i}"));
        }

        Assert.All(ciphertexts, c => Assert.StartsWith("vault:v1:", c, StringComparison.Ordinal));
        var eleventh = await _t.EncryptAsync("k", "m10");
        Assert.StartsWith("vault:v2:", eleventh, StringComparison.Ordinal);
        Assert.Equal(2, (await _t.ReadAsync("keys/k")).GetProperty("latest_version").GetInt32());
        Assert.Equal("key version 1 has reached its limit of encryptions; encrypt with a newer version", await _t.WriteErrorAsync("encrypt/k", new { plaintext = "eA==", key_version = 1 }));
        Assert.Equal("m0", await _t.DecryptAsync("k", ciphertexts[0]));
    }

    [Fact]
    public async Task ARestart_CountsEverythingReservedBefore_AsUsed()
    {
        await _t.CreateKeyAsync("k");
        await _t.EncryptAsync("k", "x");
        Assert.Equal(4, await ReservedAsync("k", 1));

        // A new backend on the same storage (a restart) has forgotten its counts: the 4 reserved count as spent.
        var restarted = new TransitBackend(_t.Time, new EncryptionLimits(10, 4));
        var request = PluginRequests.Make(_t.Storage, "transit/", Sdk.Logical.Operation.Update, "encrypt/k", new { plaintext = "eA==" });
        await restarted.HandleRequestAsync(request);
        Assert.Equal(8, await ReservedAsync("k", 1));
    }

    [Fact]
    public async Task ConcurrentEncryptions_NeverExceedTheLimitPerVersion()
    {
        await _t.CreateKeyAsync("k");
        var versions = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 35), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            versions.Add((await _t.EncryptAsync("k", "x"))[..9]));

        Assert.All(versions.GroupBy(v => v), g => Assert.InRange(g.Count(), 1, 10));
        Assert.Equal(35, versions.Count);
    }

    private async Task<long> ReservedAsync(string name, int version)
    {
        var stored = JsonDocument.Parse((await _t.Storage.GetAsync("policy/" + name))!).RootElement;
        return stored.GetProperty("EncryptionsReserved").TryGetProperty(version.ToString(System.Globalization.CultureInfo.InvariantCulture), out var reserved) ? reserved.GetInt64() : 0;
    }
}
