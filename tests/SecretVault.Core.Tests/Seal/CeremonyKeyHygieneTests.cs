using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using SecretVault.Core.Barrier;
using SecretVault.Core.Seal;
using SecretVault.Core.Tokens;
using SecretVault.Storage.Abstractions.InMemory;

namespace SecretVault.Core.Tests.Seal;

/// <summary>
/// security.md T-C9 for the key holder ceremonies: what a rekey or a root token generation holds in memory (shares
/// given so far, the pending new unseal key) is zero after a seal, inspected by reflection.
/// </summary>
public sealed class CeremonyKeyHygieneTests
{
    private readonly InMemoryBackend _memory = new();
    private readonly AesGcmBarrier _barrier;
    private readonly byte[] _unsealKey = RandomNumberGenerator.GetBytes(32);

    public CeremonyKeyHygieneTests()
    {
        _barrier = new AesGcmBarrier(_memory, TimeProvider.System);
    }

    [Fact]
    public async Task Rekey_PendingKeyAndVerifiedShares_AreZeroAfterSeal()
    {
        await InitializeAsync(shares: 1);
        var rekey = new RekeyOperation(_memory, _barrier, new KeyHolderCeremonyLock(), NullLogger<RekeyOperation>.Instance);
        await rekey.OnUnsealAsync(default);
        var nonce = (await rekey.StartAsync(3, 2, requireVerification: true, default)).Nonce;
        var result = await rekey.UpdateAsync(_unsealKey.ToArray(), nonce, default);
        var newShare = result.NewShares![0].ToArray();
        await rekey.VerifyAsync(newShare, result.Status.VerificationNonce, default);

        var attempt = Field(rekey, "_attempt")!;
        var pending = (byte[])Property(attempt, "PendingKey")!;
        var verified = ((IEnumerable)Property(attempt, "Verified")!).Cast<byte[]>().ToList();
        Assert.Contains(pending, b => b != 0);
        Assert.Single(verified);
        Assert.Contains(verified[0], b => b != 0);

        rekey.OnSeal();
        Assert.All(pending, b => Assert.Equal(0, b));
        Assert.All(verified[0], b => Assert.Equal(0, b));
        Assert.Null(Field(rekey, "_attempt"));
    }

    [Fact]
    public async Task Rekey_RestartingVerification_ZeroesTheVerifiedShares()
    {
        await InitializeAsync(shares: 1);
        var rekey = new RekeyOperation(_memory, _barrier, new KeyHolderCeremonyLock(), NullLogger<RekeyOperation>.Instance);
        await rekey.OnUnsealAsync(default);
        var nonce = (await rekey.StartAsync(3, 2, requireVerification: true, default)).Nonce;
        var result = await rekey.UpdateAsync(_unsealKey.ToArray(), nonce, default);
        await rekey.VerifyAsync(result.NewShares![0].ToArray(), result.Status.VerificationNonce, default);
        var verified = ((IEnumerable)Property(Field(rekey, "_attempt")!, "Verified")!).Cast<byte[]>().Single();

        await rekey.RestartVerificationAsync(default);
        Assert.All(verified, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task GenerateRoot_GivenShares_AreZeroAfterSeal()
    {
        await InitializeAsync(shares: 3);
        var shares = UnsealShares.Split(_unsealKey, 3, 2);
        var generation = new RootTokenGeneration(_memory, new TokenStore(_barrier, TimeProvider.System), new KeyHolderCeremonyLock(), NullLogger<RootTokenGeneration>.Instance);
        await generation.OnUnsealAsync(default);
        var nonce = (await generation.StartAsync("", "", default)).Nonce;
        await generation.UpdateAsync(shares[0].ToArray(), nonce, default);

        var held = ((IEnumerable)Field(generation, "_shares")!).Cast<byte[]>().ToList();
        Assert.Single(held);
        Assert.Equal(shares[0], held[0]);

        generation.OnSeal();
        Assert.All(held[0], b => Assert.Equal(0, b));
        Assert.Empty((IEnumerable<byte[]>)Field(generation, "_shares")!);
    }

    private async Task InitializeAsync(int shares)
    {
        var rootKey = RandomNumberGenerator.GetBytes(32);
        await new SealConfigStore(_memory).WriteAsync(new SealConfigEntry { SecretShares = shares, SecretThreshold = shares == 1 ? 1 : 2, WrappedRootKey = RootKeyStore.Wrap(_unsealKey, rootKey) });
        await _barrier.InitializeAsync(rootKey);
        await _barrier.UnsealAsync(rootKey);
    }

    private static object? Field(object owner, string name) =>
        owner.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(owner);

    private static object? Property(object owner, string name) =>
        owner.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public)!.GetValue(owner);
}
