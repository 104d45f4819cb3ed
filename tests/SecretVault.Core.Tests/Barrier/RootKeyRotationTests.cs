using System.Security.Cryptography;
using System.Text;
using SecretVault.Core.Barrier;
using SecretVault.Storage.Abstractions;
using SecretVault.Storage.Abstractions.InMemory;

namespace SecretVault.Core.Tests.Barrier;

/// <summary>
/// <see cref="AesGcmBarrier.RotateRootKeyAsync"/> at every point a process can stop: whatever happened, exactly one
/// root key opens the keyring, and it is the one the commit made current (or the old one without a commit).
/// </summary>
public sealed class RootKeyRotationTests
{
    private readonly InMemoryBackend _memory = new();
    private readonly byte[] _oldRoot = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _newRoot = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task Rotation_MovesTheKeyringToTheNewRootKey_DataStaysReadable()
    {
        var barrier = await UnsealedAsync(_memory);
        await barrier.PutAsync("logical/a", Encoding.UTF8.GetBytes("before"));
        var committed = false;
        await barrier.RotateRootKeyAsync(_newRoot, _ =>
        {
            committed = true;
            return Task.CompletedTask;
        });

        Assert.True(committed);
        Assert.Null(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));
        await barrier.PutAsync("logical/b", Encoding.UTF8.GetBytes("after"));
        await barrier.RotateAsync();

        var reopened = new AesGcmBarrier(_memory, TimeProvider.System);
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => reopened.UnsealAsync(_oldRoot));
        await reopened.UnsealAsync(_newRoot);
        Assert.Equal("before", Encoding.UTF8.GetString((await reopened.GetAsync("logical/a"))!));
        Assert.Equal("after", Encoding.UTF8.GetString((await reopened.GetAsync("logical/b"))!));
        Assert.Equal(2u, reopened.ActiveKeyStatus.Term);
    }

    [Fact]
    public async Task CommitKnownNotToHaveLanded_TheOldRootKeyStays_NothingIsLeft_WritesGoOn()
    {
        var barrier = await UnsealedAsync(_memory);
        await Assert.ThrowsAsync<RootKeyRotationNotCommittedException>(() => barrier.RotateRootKeyAsync(_newRoot, _ => throw new RootKeyRotationNotCommittedException("disk full")));
        Assert.Null(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));
        await barrier.PutAsync("logical/a", Encoding.UTF8.GetBytes("still writable"));
        await barrier.RotateAsync();

        var reopened = new AesGcmBarrier(_memory, TimeProvider.System);
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => reopened.UnsealAsync(_newRoot));
        await reopened.UnsealAsync(_oldRoot);
        Assert.Equal(2u, reopened.ActiveKeyStatus.Term);
    }

    [Fact]
    public async Task FailureBeforeTheCommit_IsNotCommitted_AndTheCommitNeverRuns()
    {
        var crashing = new CrashingBackend(_memory);
        var barrier = await UnsealedAsync(crashing);
        crashing.FailPutsOf = AesGcmBarrier.NextKeyringPath;
        var committed = false;
        var error = await Assert.ThrowsAsync<RootKeyRotationNotCommittedException>(() => barrier.RotateRootKeyAsync(_newRoot, _ =>
        {
            committed = true;
            return Task.CompletedTask;
        }));
        Assert.IsType<IOException>(error.InnerException);
        Assert.False(committed);
        crashing.FailPutsOf = null;
        await barrier.RotateAsync();
        await new AesGcmBarrier(_memory, TimeProvider.System).UnsealAsync(_oldRoot);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CommitWithUnknownOutcome_KeepsTheNextKeyring_AndFreezesKeyringWrites_SoEitherOutcomeUnseals(bool landed)
    {
        var barrier = await UnsealedAsync(_memory);
        await barrier.PutAsync("logical/a", Encoding.UTF8.GetBytes("before"));
        await Assert.ThrowsAsync<IOException>(() => barrier.RotateRootKeyAsync(_newRoot, _ => throw new IOException("fsync failed")));
        Assert.NotNull(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));

        // No keyring is stored under either root key until the outcome is known: not by sys/rotate, not by another rotation.
        await Assert.ThrowsAsync<InvalidOperationException>(() => barrier.RotateAsync());
        await Assert.ThrowsAsync<RootKeyRotationNotCommittedException>(() => barrier.RotateRootKeyAsync(RandomNumberGenerator.GetBytes(32), _ => Task.CompletedTask));
        await Assert.ThrowsAsync<InvalidOperationException>(() => barrier.SetRotationConfigAsync(c => c));
        Assert.NotNull(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));
        barrier.Seal();

        // Whichever root key the (unknown) commit left in the configuration opens everything.
        var reopened = new AesGcmBarrier(_memory, TimeProvider.System);
        await reopened.UnsealAsync(landed ? _newRoot : _oldRoot);
        Assert.Equal("before", Encoding.UTF8.GetString((await reopened.GetAsync("logical/a"))!));
        Assert.Null(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));
        await reopened.RotateAsync();
        await new AesGcmBarrier(_memory, TimeProvider.System).UnsealAsync(landed ? _newRoot : _oldRoot);
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => new AesGcmBarrier(_memory, TimeProvider.System).UnsealAsync(landed ? _oldRoot : _newRoot));
    }

    [Fact]
    public async Task StoppedBeforeTheCommit_TheOldRootKeyStillUnseals_AndUnsealRemovesTheLeftover()
    {
        var crashing = new CrashingBackend(_memory);
        var barrier = await UnsealedAsync(crashing);
        crashing.FailDeletesOf = AesGcmBarrier.NextKeyringPath;
        await Assert.ThrowsAsync<RootKeyRotationNotCommittedException>(() => barrier.RotateRootKeyAsync(_newRoot, _ => throw new RootKeyRotationNotCommittedException("power lost")));
        Assert.NotNull(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));

        var reopened = new AesGcmBarrier(_memory, TimeProvider.System);
        await reopened.UnsealAsync(_oldRoot);
        Assert.Null(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => new AesGcmBarrier(_memory, TimeProvider.System).UnsealAsync(_newRoot));
    }

    [Fact]
    public async Task StoppedAfterTheCommit_IsNotAFailure_AndUnsealWithTheNewRootKeyFinishesTheMove()
    {
        var crashing = new CrashingBackend(_memory);
        var barrier = await UnsealedAsync(crashing);
        await barrier.PutAsync("logical/a", Encoding.UTF8.GetBytes("kept"));
        await barrier.RotateRootKeyAsync(_newRoot, _ =>
        {
            // The commit lands; the keyring cannot be moved into place (as if the process stopped here).
            crashing.FailPutsOf = AesGcmBarrier.KeyringPath;
            return Task.CompletedTask;
        });
        crashing.FailPutsOf = null;
        Assert.NotNull(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));

        var reopened = new AesGcmBarrier(_memory, TimeProvider.System);
        await reopened.UnsealAsync(_newRoot);
        Assert.Equal("kept", Encoding.UTF8.GetString((await reopened.GetAsync("logical/a"))!));
        Assert.Null(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));

        var again = new AesGcmBarrier(_memory, TimeProvider.System);
        await again.UnsealAsync(_newRoot);
        await Assert.ThrowsAsync<BarrierIntegrityException>(() => new AesGcmBarrier(_memory, TimeProvider.System).UnsealAsync(_oldRoot));
    }

    [Fact]
    public async Task AfterAnUnmovedCommit_LaterKeyringWritesUseTheNewRootKey_SoNoTermIsLost()
    {
        var crashing = new CrashingBackend(_memory);
        var barrier = await UnsealedAsync(crashing);
        await barrier.RotateRootKeyAsync(_newRoot, _ =>
        {
            crashing.FailPutsOf = AesGcmBarrier.KeyringPath;
            return Task.CompletedTask;
        });
        crashing.FailPutsOf = null;

        // A term added after the unmoved commit must survive the next unseal.
        await barrier.RotateAsync();
        await barrier.PutAsync("logical/t2", Encoding.UTF8.GetBytes("under term 2"));
        var reopened = new AesGcmBarrier(_memory, TimeProvider.System);
        await reopened.UnsealAsync(_newRoot);
        Assert.Equal(2u, reopened.ActiveKeyStatus.Term);
        Assert.Equal("under term 2", Encoding.UTF8.GetString((await reopened.GetAsync("logical/t2"))!));
    }

    [Fact]
    public async Task Seal_WaitsForARotationInFlight_ThenHoldsNoKey()
    {
        var barrier = await UnsealedAsync(_memory);
        var release = new TaskCompletionSource();
        var rotation = barrier.RotateRootKeyAsync(_newRoot, _ => release.Task);
        using var sealing = new ManualResetEventSlim();
        var seal = Task.Run(() =>
        {
            sealing.Set();
            barrier.Seal();
        });
        sealing.Wait();
        await Task.Delay(200);
        Assert.False(seal.IsCompleted);
        Assert.False(barrier.Sealed);

        release.SetResult();
        await rotation;
        await seal;
        Assert.True(barrier.Sealed);
        Assert.Null(barrier.KeyringForTests);
        await barrier.UnsealAsync(_newRoot);
    }

    [Fact]
    public async Task RotationWhileSealed_IsRefusedWithoutTouchingStorage()
    {
        var barrier = await UnsealedAsync(_memory);
        barrier.Seal();
        var committed = false;
        await Assert.ThrowsAsync<BarrierSealedException>(() => barrier.RotateRootKeyAsync(_newRoot, _ =>
        {
            committed = true;
            return Task.CompletedTask;
        }));
        Assert.False(committed);
        Assert.Null(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));
    }

    private async Task<AesGcmBarrier> UnsealedAsync(IPhysicalBackend physical)
    {
        var barrier = new AesGcmBarrier(physical, TimeProvider.System);
        await barrier.InitializeAsync(_oldRoot);
        await barrier.UnsealAsync(_oldRoot);
        return barrier;
    }

    /// <summary>Storage that fails chosen writes, as a process that stops between two of them would leave it.</summary>
    private sealed class CrashingBackend(IPhysicalBackend inner) : IPhysicalBackend
    {
        public string? FailPutsOf { get; set; }

        public string? FailDeletesOf { get; set; }

        public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => inner.GetAsync(key, ct);

        public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default) =>
            key == FailPutsOf ? throw new IOException("stopped before " + key) : inner.PutAsync(key, value, ct);

        public Task DeleteAsync(string key, CancellationToken ct = default) =>
            key == FailDeletesOf ? throw new IOException("stopped before deleting " + key) : inner.DeleteAsync(key, ct);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);
    }
}
