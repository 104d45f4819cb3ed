using System.Security.Cryptography;
using System.Text;
using JsonNodes = System.Text.Json.Nodes;
using SecretVault.Core.Barrier;
using SecretVault.Storage.Abstractions.InMemory;
using SecretVault.Testing.Time;

namespace SecretVault.Core.Tests.Barrier;

/// <summary>security.md T-C2: automatic rotation by count and by age, as <c>sys/rotate/config</c> sets it, kept in the keyring.</summary>
public sealed class KeyRotationConfigTests
{
    private readonly InMemoryBackend _physical = new();
    private readonly byte[] _rootKey = RandomNumberGenerator.GetBytes(32);
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task MaxOperations_RotatesAfterThatManyEncryptions_AndOldEntriesStillRead()
    {
        var barrier = await UnsealedAsync(new BarrierOptions { CounterReserveBlock = 100_000 });
        await barrier.SetRotationConfigAsync(_ => new KeyRotationConfig { MaxOperations = KeyRotationConfig.MinimumOperations });
        var writes = 0;
        while (barrier.ActiveKeyStatus.Term == 1)
        {
            await barrier.PutAsync($"w/{writes % 1000}", BitConverter.GetBytes(writes));
            writes++;
        }

        // The count resumes at the reserved block after an unseal (it may over-count, never under-count).
        Assert.InRange(writes, KeyRotationConfig.MinimumOperations - 100_000, KeyRotationConfig.MinimumOperations);
        for (var i = writes - 1000; i < writes; i++)
        {
            Assert.Equal(BitConverter.GetBytes(i), await barrier.GetAsync($"w/{i % 1000}"));
        }
    }

    [Fact]
    public async Task Interval_RotatesOnTheFirstWriteOnceTheTermIsOlder()
    {
        var barrier = await UnsealedAsync();
        await barrier.PutAsync("a", new byte[] { 1 });
        await barrier.SetRotationConfigAsync(_ => new KeyRotationConfig { Interval = TimeSpan.FromHours(24) });
        _clock.Advance(TimeSpan.FromHours(23));
        await barrier.PutAsync("b", new byte[] { 2 });
        Assert.Equal(1u, barrier.ActiveKeyStatus.Term);

        _clock.Advance(TimeSpan.FromHours(2));
        await barrier.PutAsync("c", new byte[] { 3 });
        Assert.Equal(2u, barrier.ActiveKeyStatus.Term);
        Assert.Equal(_clock.GetUtcNow(), barrier.ActiveKeyStatus.InstallTime);
        Assert.Equal([1], await barrier.GetAsync("a"));
        Assert.Equal([3], await barrier.GetAsync("c"));
    }

    [Fact]
    public async Task Disabled_StopsIntervalAndCountRotation_ButNeverTheNistBound()
    {
        var barrier = await UnsealedAsync(new BarrierOptions { MaxEncryptionsPerTerm = 50, CounterReserveBlock = 10 });
        await barrier.SetRotationConfigAsync(_ => new KeyRotationConfig { MaxOperations = 20, Interval = TimeSpan.FromHours(24), Enabled = false });
        _clock.Advance(TimeSpan.FromDays(3));
        // Enabled, a limit of 20 or a day-old term would rotate. The count starts at the reserved block (10): 30 writes
        // stay under the NIST bound of 50 (set low here), 20 more cross it.
        for (var i = 0; i < 30; i++)
        {
            await barrier.PutAsync($"d/{i}", new byte[] { 1 });
        }

        Assert.Equal(1u, barrier.ActiveKeyStatus.Term);
        for (var i = 30; i < 50; i++)
        {
            await barrier.PutAsync($"d/{i}", new byte[] { 1 });
        }

        Assert.Equal(2u, barrier.ActiveKeyStatus.Term);
    }

    [Fact]
    public async Task TheConfigIsKeptInTheKeyring_AcrossASealAndARestart()
    {
        var barrier = await UnsealedAsync();
        var config = new KeyRotationConfig { MaxOperations = 2_000_000, Interval = TimeSpan.FromHours(48), Enabled = false };
        await barrier.SetRotationConfigAsync(_ => config);
        barrier.Seal();
        await barrier.UnsealAsync(_rootKey);
        Assert.Equal(config, barrier.RotationConfig);

        var restarted = new AesGcmBarrier(_physical, _clock);
        await restarted.UnsealAsync(_rootKey);
        Assert.Equal(config, restarted.RotationConfig);
        await restarted.RotateAsync();
        Assert.Equal(config, restarted.RotationConfig);
    }

    [Fact]
    public async Task AKeyringWrittenBeforeTheConfigExisted_OrWithAZeroCount_ReadsAsTheDefaults()
    {
        var barrier = await UnsealedAsync();
        barrier.Seal();
        foreach (var rotation in new JsonNodes.JsonNode?[] { null, new JsonNodes.JsonObject { ["interval_seconds"] = -5 } })
        {
            var blob = (await _physical.GetAsync(AesGcmBarrier.KeyringPath))!;
            var json = JsonNodes.JsonNode.Parse(BarrierCipher.Decrypt(_rootKey, blob, AesGcmBarrier.KeyringPath))!.AsObject();
            json.Remove("rotation");
            if (rotation is not null)
            {
                json["rotation"] = rotation;
            }

            await _physical.PutAsync(AesGcmBarrier.KeyringPath, BarrierCipher.Encrypt(_rootKey, 0, Encoding.UTF8.GetBytes(json.ToJsonString()), AesGcmBarrier.KeyringPath));
            var reopened = new AesGcmBarrier(_physical, _clock);
            await reopened.UnsealAsync(_rootKey);
            Assert.Equal(new KeyRotationConfig(), reopened.RotationConfig);
            await reopened.PutAsync("x", new byte[] { 1 });
            Assert.Equal(1u, reopened.ActiveKeyStatus.Term);
            reopened.Seal();
        }
    }

    [Fact]
    public async Task ANewKeyring_HasVaultsDefaults()
    {
        var barrier = await UnsealedAsync();
        Assert.Equal(new KeyRotationConfig { MaxOperations = 3_865_470_566, Interval = TimeSpan.Zero, Enabled = true }, barrier.RotationConfig);
    }

    private async Task<AesGcmBarrier> UnsealedAsync(BarrierOptions? options = null)
    {
        var barrier = new AesGcmBarrier(_physical, _clock, options);
        await barrier.InitializeAsync(_rootKey);
        await barrier.UnsealAsync(_rootKey);
        return barrier;
    }
}
