using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using SecretVault.Core.Barrier;
using SecretVault.Core.Seal;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;
using SecretVault.Storage.Abstractions.InMemory;

namespace SecretVault.Core.Tests.Seal;

/// <summary>
/// A rekey whose commit (the seal configuration write) fails: the caller is told what holds. New shares are never
/// handed out when they are not in effect, never destroyed when they might be, and never reported as failed when
/// they are in effect.
/// </summary>
public sealed class RekeyOperationTests
{
    private readonly InMemoryBackend _memory = new();
    private readonly FaultyConfigBackend _physical;
    private readonly AesGcmBarrier _barrier;
    private readonly byte[] _unsealKey = RandomNumberGenerator.GetBytes(32);
    private string _nonce = "";

    public RekeyOperationTests()
    {
        _physical = new FaultyConfigBackend(_memory);
        _barrier = new AesGcmBarrier(_physical, TimeProvider.System);
    }

    [Fact]
    public async Task WriteThatLandedThenFailedOnce_IsCommittedOnceRewritten_SharesHandedOutWithoutWarning()
    {
        var rekey = await StartedAsync();
        _physical.Mode = FaultyConfigBackend.Fault.LandThenThrow;
        var result = await rekey.UpdateAsync(_unsealKey.ToArray(), _nonce, default);

        Assert.Null(result.Warning);
        var share = Assert.Single(result.NewShares!);
        Assert.NotNull(await OpenAsync(share));
        Assert.Null(await OpenAsync(_unsealKey));
        await _barrier.RotateAsync();
        Assert.False((await rekey.StatusAsync(default)).Started);
    }

    [Fact]
    public async Task WriteThatDidNotLand_Is500_OldKeysStay_NoSharesOut()
    {
        var rekey = await StartedAsync();
        _physical.Mode = FaultyConfigBackend.Fault.ThrowBefore;
        var error = await Assert.ThrowsAsync<LogicalException>(() => rekey.UpdateAsync(_unsealKey.ToArray(), _nonce, default));

        Assert.Equal(500, error.StatusCode);
        Assert.Contains("the current unseal keys still unseal", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await OpenAsync(_unsealKey));
        Assert.Null(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));
        await _barrier.RotateAsync();
        Assert.False((await rekey.StatusAsync(default)).Started);
    }

    [Fact]
    public async Task FailureBeforeTheCommit_Is500_NotAnUnknownOutcome_OldKeysStay()
    {
        var rekey = await StartedAsync();
        _physical.FailNextKeyringWrite = true;
        var error = await Assert.ThrowsAsync<LogicalException>(() => rekey.UpdateAsync(_unsealKey.ToArray(), _nonce, default));

        Assert.Equal(500, error.StatusCode);
        Assert.Contains("the current unseal keys still unseal", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await OpenAsync(_unsealKey));
        _physical.FailNextKeyringWrite = false;
        await _barrier.RotateAsync();
    }

    [Fact]
    public async Task LegacyLayout_WriteThatDidNotLand_IsNotCommitted()
    {
        var rekey = await StartedAsync();
        var config = (await new SealConfigStore(_memory).ReadAsync())!;
        await _memory.PutAsync("core/root-key", config.WrappedRootKey!);
        await new SealConfigStore(_memory).WriteAsync(config with { WrappedRootKey = null });
        _physical.Mode = FaultyConfigBackend.Fault.ThrowBefore;

        var error = await Assert.ThrowsAsync<LogicalException>(() => rekey.UpdateAsync(_unsealKey.ToArray(), _nonce, default));
        Assert.Equal(500, error.StatusCode);
        Assert.Null((await new SealConfigStore(_memory).ReadAsync())!.WrappedRootKey);
        Assert.NotNull(await OpenAsync(_unsealKey));
    }

    [Fact]
    public async Task UnknownOutcome_HandsTheSharesOutWithAWarning_AndStopsKeyringWrites()
    {
        var rekey = await StartedAsync();
        _physical.Mode = FaultyConfigBackend.Fault.LandThenThrowAndFailReads;
        var result = await rekey.UpdateAsync(_unsealKey.ToArray(), _nonce, default);

        Assert.Contains("may or may not have taken effect", result.Warning, StringComparison.Ordinal);
        var share = Assert.Single(result.NewShares!);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _barrier.RotateAsync());

        // Storage recovers: the configuration decides, and the new share opens everything.
        _physical.Mode = FaultyConfigBackend.Fault.None;
        _barrier.Seal();
        var rootKey = (await OpenAsync(share))!;
        await _barrier.UnsealAsync(rootKey);
        Assert.Null(await _memory.GetAsync(AesGcmBarrier.NextKeyringPath));
    }

    private async Task<RekeyOperation> StartedAsync()
    {
        var rootKey = RandomNumberGenerator.GetBytes(32);
        await new SealConfigStore(_memory).WriteAsync(new SealConfigEntry { SecretShares = 1, SecretThreshold = 1, WrappedRootKey = RootKeyStore.Wrap(_unsealKey, rootKey) });
        await _barrier.InitializeAsync(rootKey);
        await _barrier.UnsealAsync(rootKey);
        var rekey = new RekeyOperation(_physical, _barrier, new KeyHolderCeremonyLock(), NullLogger<RekeyOperation>.Instance);
        await rekey.OnUnsealAsync(default);
        _nonce = (await rekey.StartAsync(1, 1, requireVerification: false, default)).Nonce;
        return rekey;
    }

    private async Task<byte[]?> OpenAsync(byte[] unsealKey)
    {
        var config = (await new SealConfigStore(_memory).ReadAsync())!;
        return await new RootKeyStore(_memory).TryReadAsync(config, unsealKey.ToArray());
    }

    /// <summary>Storage whose seal configuration write fails in the ways a disk can.</summary>
    private sealed class FaultyConfigBackend(IPhysicalBackend inner) : IPhysicalBackend
    {
        public enum Fault
        {
            None,
            ThrowBefore,
            LandThenThrow,
            LandThenThrowAndFailReads,
        }

        public Fault Mode { get; set; }

        public bool FailNextKeyringWrite { get; set; }

        private bool _readsFail;

        public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) =>
            key == "core/seal-config" && _readsFail && Mode == Fault.LandThenThrowAndFailReads ? throw new IOException("read failed") : inner.GetAsync(key, ct);

        public async Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default)
        {
            if (key == AesGcmBarrier.NextKeyringPath && FailNextKeyringWrite)
            {
                throw new IOException("disk full");
            }

            if (key != "core/seal-config" || Mode == Fault.None)
            {
                await inner.PutAsync(key, value, ct);
                return;
            }

            if (Mode != Fault.ThrowBefore)
            {
                await inner.PutAsync(key, value, ct);
            }

            _readsFail = true;
            if (Mode == Fault.LandThenThrow)
            {
                // A one-off failure (an fsync that failed once): the next write of the same value goes through.
                Mode = Fault.None;
            }

            throw new IOException("fsync of the folder failed");
        }

        public Task DeleteAsync(string key, CancellationToken ct = default) => inner.DeleteAsync(key, ct);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);
    }
}
