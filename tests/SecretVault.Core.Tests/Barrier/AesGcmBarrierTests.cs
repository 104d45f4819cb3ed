using System.Security.Cryptography;
using System.Text;
using SecretVault.Core.Barrier;
using SecretVault.Storage.Abstractions;
using SecretVault.Storage.Abstractions.InMemory;

namespace SecretVault.Core.Tests.Barrier;

public sealed class AesGcmBarrierTests
{
    private readonly InMemoryBackend _physical = new();
    private readonly byte[] _rootKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task Put_ThenGet_RoundTrips_AndStoresNoPlaintext()
    {
        var barrier = await UnsealedAsync();
        var secret = Encoding.UTF8.GetBytes("the-plaintext-canary-value");
        await barrier.PutAsync("logical/abc/secret", secret);

        Assert.Equal(secret, await barrier.GetAsync("logical/abc/secret"));
        var stored = (await _physical.GetAsync("logical/abc/secret"))!;
        Assert.True(stored.AsSpan().IndexOf(secret) < 0);
        Assert.Equal(1u, BarrierCipher.ReadTerm(stored));
        Assert.Equal(BarrierCipher.Version, stored[4]);
        Assert.Equal(secret.Length + BarrierCipher.Overhead, stored.Length);
    }

    [Fact]
    public async Task Get_AfterFlippingAnySingleByte_FailsIntegrityNeverWrongData()
    {
        var barrier = await UnsealedAsync();
        await barrier.PutAsync("k", Encoding.UTF8.GetBytes("value under test"));
        var stored = (await _physical.GetAsync("k"))!;
        for (var i = 0; i < stored.Length; i++)
        {
            var tampered = stored.ToArray();
            tampered[i] ^= 0x01;
            await _physical.PutAsync("k", tampered);
            await Assert.ThrowsAsync<BarrierIntegrityException>(() => barrier.GetAsync("k"));
        }
    }

    [Fact]
    public async Task Get_TruncatedOrExtended_FailsIntegrity()
    {
        var barrier = await UnsealedAsync();
        await barrier.PutAsync("k", new byte[] { 1, 2, 3 });
        var stored = (await _physical.GetAsync("k"))!;
        await _physical.PutAsync("k", stored[..^1]);
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => barrier.GetAsync("k"));
        await _physical.PutAsync("k", stored.Append((byte)0).ToArray());
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => barrier.GetAsync("k"));
        await _physical.PutAsync("k", stored[..4]);
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => barrier.GetAsync("k"));
    }

    [Fact]
    public async Task Get_ValueCopiedToAnotherPath_FailsIntegrity()
    {
        var barrier = await UnsealedAsync();
        await barrier.PutAsync("secret/a", Encoding.UTF8.GetBytes("a's value"));
        await _physical.PutAsync("secret/b", (await _physical.GetAsync("secret/a"))!);
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => barrier.GetAsync("secret/b"));
    }

    [Fact]
    public async Task Rotate_NewWritesUseNewTerm_AndEveryOlderTermStillReads()
    {
        var barrier = await UnsealedAsync();
        for (var term = 1; term <= 4; term++)
        {
            await barrier.PutAsync($"v/{term}", new byte[] { (byte)term });
            Assert.Equal((uint)term, BarrierCipher.ReadTerm((await _physical.GetAsync($"v/{term}"))!));
            if (term < 4)
            {
                var status = await barrier.RotateAsync();
                Assert.Equal((uint)term + 1, status.Term);
            }
        }

        for (var term = 1; term <= 4; term++)
        {
            Assert.Equal(new byte[] { (byte)term }, await barrier.GetAsync($"v/{term}"));
        }
    }

    [Fact]
    public async Task Restart_UnsealWithRootKey_ReadsEverythingAndKeepsTermAndCount()
    {
        var barrier = await UnsealedAsync();
        await barrier.PutAsync("a", new byte[] { 1 });
        await barrier.RotateAsync();
        await barrier.PutAsync("b", new byte[] { 2 });
        var writes = barrier.ActiveKeyStatus.Encryptions;

        var restarted = new AesGcmBarrier(_physical, TimeProvider.System);
        Assert.True(restarted.Sealed);
        await restarted.UnsealAsync(_rootKey);
        Assert.Equal(new byte[] { 1 }, await restarted.GetAsync("a"));
        Assert.Equal(new byte[] { 2 }, await restarted.GetAsync("b"));
        Assert.Equal(2u, restarted.ActiveKeyStatus.Term);
        Assert.True(restarted.EncryptionsTowardLimit >= writes);
    }

    [Fact]
    public async Task Unseal_WrongRootKey_FailsAndStaysSealed()
    {
        await UnsealedAsync();
        var other = new AesGcmBarrier(_physical, TimeProvider.System);
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => other.UnsealAsync(RandomNumberGenerator.GetBytes(32)));
        Assert.True(other.Sealed);
    }

    [Fact]
    public async Task Seal_ZeroesKeys_AndRefusesEveryCall()
    {
        var barrier = await UnsealedAsync();
        await barrier.RotateAsync();
        var keyring = barrier.KeyringForTests!;
        barrier.Seal();

        Assert.True(barrier.Sealed);
        Assert.All(keyring.Terms, t => Assert.All(t.Key, b => Assert.Equal(0, b)));
        Assert.All(keyring.RootKey, b => Assert.Equal(0, b));
        await Assert.ThrowsAsync<BarrierSealedException>(() => barrier.GetAsync("a"));
        await Assert.ThrowsAsync<BarrierSealedException>(() => barrier.PutAsync("a", new byte[] { 1 }));
        await Assert.ThrowsAsync<BarrierSealedException>(() => barrier.ListAsync(""));
        Assert.Throws<BarrierSealedException>(() => barrier.ActiveKeyStatus);
    }

    [Fact]
    public async Task Initialize_Twice_IsRefused()
    {
        await UnsealedAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => new AesGcmBarrier(_physical, TimeProvider.System).InitializeAsync(_rootKey));
    }

    [Theory]
    [InlineData("core/keyring")]
    [InlineData("core/root-key")]
    [InlineData("core/seal-config")]
    public async Task SealKeys_AreNotReachableThroughTheBarrier(string key)
    {
        var barrier = await UnsealedAsync();
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => barrier.PutAsync(key, new byte[] { 1 }));
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => barrier.GetAsync(key));
    }

    [Fact]
    public async Task Encrypt_ManyValues_NeverRepeatsANonce()
    {
        var barrier = await UnsealedAsync();
        var nonces = new HashSet<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var blob = BarrierCipher.Encrypt(_rootKey, 1, [1], "n");
            Assert.True(nonces.Add(Convert.ToHexString(blob, BarrierCipher.HeaderLength, BarrierCipher.NonceLength)));
        }

        await barrier.PutAsync("x", new byte[] { 1 });
    }

    [Fact]
    public async Task ConcurrentWriters_AllValuesReadBack()
    {
        var barrier = await UnsealedAsync();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => barrier.PutAsync($"p/{i}", BitConverter.GetBytes(i)))));
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(BitConverter.GetBytes(i), await barrier.GetAsync($"p/{i}"));
        }
    }

    [Fact]
    public async Task EncryptionBudget_ReachingMax_RotatesAutomatically()
    {
        var barrier = new AesGcmBarrier(_physical, TimeProvider.System, new BarrierOptions { MaxEncryptionsPerTerm = 50, CounterReserveBlock = 10 });
        await barrier.InitializeAsync(_rootKey);
        await barrier.UnsealAsync(_rootKey);
        for (var i = 0; i < 60; i++)
        {
            await barrier.PutAsync($"w/{i}", new byte[] { (byte)i });
        }

        Assert.Equal(2u, barrier.ActiveKeyStatus.Term);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(new byte[] { (byte)i }, await barrier.GetAsync($"w/{i}"));
        }
    }

    [Fact]
    public async Task EncryptionCount_AfterCrash_NeverUnderCounts()
    {
        var options = new BarrierOptions { CounterReserveBlock = 7 };
        await WrittenAsync(options, 23);

        // No seal, no flush: a new instance over the same storage is what a restart after SIGKILL sees.
        var restarted = new AesGcmBarrier(_physical, TimeProvider.System, options);
        await restarted.UnsealAsync(_rootKey);
        Assert.True(restarted.EncryptionsTowardLimit >= 23);

        // What key-status reports resumes from the count the last keyring write stored: never more than were made.
        Assert.InRange(restarted.ActiveKeyStatus.Encryptions, 1, 23);
    }

    [Fact]
    public async Task KeyStatus_ReportsTheEncryptionsMade_NotTheReservedBlock()
    {
        var barrier = await UnsealedAsync();
        for (var i = 0; i < 3; i++)
        {
            await barrier.PutAsync($"e/{i}", new byte[] { 1 });
        }

        Assert.Equal(3, barrier.ActiveKeyStatus.Encryptions);
        Assert.True(barrier.EncryptionsTowardLimit >= 3);
    }

    [Fact]
    public async Task KeyStatus_StaysExact_AcrossReservationsSealsAndRestarts_AndStartsOverWithANewTerm()
    {
        var options = new BarrierOptions { CounterReserveBlock = 7 };
        var barrier = await WrittenAsync(options, 23);

        Assert.Equal(23, barrier.ActiveKeyStatus.Encryptions);
        Assert.True(await barrier.SaveEncryptionCountAsync());
        barrier.Seal();
        await barrier.UnsealAsync(_rootKey);
        Assert.Equal(23, barrier.ActiveKeyStatus.Encryptions);

        var restarted = new AesGcmBarrier(_physical, TimeProvider.System, options);
        await restarted.UnsealAsync(_rootKey);
        Assert.Equal(23, restarted.ActiveKeyStatus.Encryptions);
        Assert.True(restarted.EncryptionsTowardLimit >= 23);
        await restarted.PutAsync("c/more", new byte[] { 2 });
        Assert.Equal(24, restarted.ActiveKeyStatus.Encryptions);

        var rotated = await restarted.RotateAsync();
        Assert.Equal(2u, rotated.Term);
        Assert.Equal(0, rotated.Encryptions);
        await restarted.PutAsync("c/new-term", new byte[] { 3 });
        Assert.Equal(1, restarted.ActiveKeyStatus.Encryptions);
        Assert.False(await new AesGcmBarrier(_physical, TimeProvider.System, options).SaveEncryptionCountAsync());
    }

    // An unsealed barrier after `writes` puts: with a reservation block of 7, 23 writes cross three reservations.
    private async Task<AesGcmBarrier> WrittenAsync(BarrierOptions options, int writes)
    {
        var barrier = new AesGcmBarrier(_physical, TimeProvider.System, options);
        await barrier.InitializeAsync(_rootKey);
        await barrier.UnsealAsync(_rootKey);
        for (var i = 0; i < writes; i++)
        {
            await barrier.PutAsync($"c/{i}", new byte[] { 1 });
        }

        return barrier;
    }

    private async Task<AesGcmBarrier> UnsealedAsync()
    {
        var barrier = new AesGcmBarrier(_physical, TimeProvider.System);
        await barrier.InitializeAsync(_rootKey);
        await barrier.UnsealAsync(_rootKey);
        return barrier;
    }
}
