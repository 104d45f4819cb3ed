using System.Security.Cryptography;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Barrier;

/// <summary>
/// The AES-256-GCM barrier over a physical backend. Every value is encrypted with the active key
/// term (<see cref="BarrierCipher"/>); the keyring sits at <c>core/keyring</c> encrypted under the
/// root key. Sealed, it holds no keys and refuses every call.
/// </summary>
public sealed class AesGcmBarrier : ISecurityBarrier
{
    internal const string KeyringPath = "core/keyring";

    // The keyring under the next root key while a root key rotation is between its steps (see RotateRootKeyAsync).
    internal const string NextKeyringPath = "core/keyring-next";

    // Stored outside the barrier's own encryption (seal configuration, the root key under the unseal
    // key, the keyring): never readable or writable through the logical surface.
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal) { KeyringPath, NextKeyringPath, "core/root-key", "core/seal-config" };

    private readonly IPhysicalBackend _physical;
    private readonly TimeProvider _time;
    private readonly BarrierOptions _options;
    private readonly SemaphoreSlim _keyringLock = new(1, 1);
    private Keyring? _keyring;
    private long _encryptions;
    private bool _keyringFrozen;

    public AesGcmBarrier(IPhysicalBackend physical, TimeProvider time, BarrierOptions? options = null)
    {
        _physical = physical;
        _time = time;
        _options = options ?? new BarrierOptions();
    }

    /// <inheritdoc />
    public bool Sealed => Volatile.Read(ref _keyring) is null;

    /// <inheritdoc />
    public KeyTermStatus ActiveKeyStatus
    {
        get
        {
            var active = Current().Active;
            return new KeyTermStatus(active.Term, active.InstallTime, Interlocked.Read(ref _encryptions));
        }
    }

    /// <summary>The live keyring, for tests that check key hygiene.</summary>
    internal Keyring? KeyringForTests => Volatile.Read(ref _keyring);

    /// <inheritdoc />
    public async Task<bool> IsInitializedAsync(CancellationToken ct = default) =>
        await _physical.GetAsync(KeyringPath, ct).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public async Task InitializeAsync(ReadOnlyMemory<byte> rootKey, CancellationToken ct = default)
    {
        if (await IsInitializedAsync(ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("the barrier is already initialized");
        }

        var keyring = Keyring.Create(rootKey.Span, _time.GetUtcNow(), _options.CounterReserveBlock);
        try
        {
            await WriteKeyringAsync(keyring, ct).ConfigureAwait(false);
        }
        finally
        {
            keyring.Zero();
        }
    }

    /// <inheritdoc />
    public async Task UnsealAsync(ReadOnlyMemory<byte> rootKey, CancellationToken ct = default)
    {
        var blob = await _physical.GetAsync(KeyringPath, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the barrier is not initialized");
        var next = await _physical.GetAsync(NextKeyringPath, ct).ConfigureAwait(false);
        Keyring keyring;
        var fromNext = false;
        try
        {
            keyring = Open(rootKey.Span, blob);
        }
        catch (BarrierIntegrityException) when (next is not null)
        {
            // A rotation committed this root key but stopped before moving its keyring into place.
            keyring = Open(rootKey.Span, next);
            fromNext = true;
        }

        if (next is not null)
        {
            await TidyAfterRotationAsync(fromNext ? next : null).ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _encryptions, keyring.Active.ReservedEncryptions);
        Volatile.Write(ref _keyringFrozen, false);
        Interlocked.Exchange(ref _keyring, keyring)?.Zero();
    }

    /// <inheritdoc />
    public void Seal()
    {
        // Waits for a keyring write in flight, so no keyring is serialized or stored while its keys are being zeroed.
        _keyringLock.Wait();
        try
        {
            Interlocked.Exchange(ref _keyring, null)?.Zero();
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<KeyTermStatus> RotateAsync(CancellationToken ct = default)
    {
        await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await RotateLockedAsync(ct).ConfigureAwait(false);
            return ActiveKeyStatus;
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <inheritdoc />
    public KeyRotationConfig RotationConfig => Current().Rotation;

    /// <inheritdoc />
    public async Task SetRotationConfigAsync(Func<KeyRotationConfig, KeyRotationConfig> change, CancellationToken ct = default)
    {
        await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Current();
            var next = current.WithRotation(change(current.Rotation));
            await WriteKeyringAsync(next, ct).ConfigureAwait(false);
            Volatile.Write(ref _keyring, next);
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task RotateRootKeyAsync(ReadOnlyMemory<byte> newRootKey, Func<CancellationToken, Task> commit, CancellationToken ct = default)
    {
        try
        {
            await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            throw new RootKeyRotationNotCommittedException("the root key rotation was cancelled before it started", ex);
        }

        try
        {
            var current = Current();
            if (Volatile.Read(ref _keyringFrozen))
            {
                // The next keyring of the earlier rotation must stay for unseal to decide: touch nothing.
                throw new RootKeyRotationNotCommittedException("the keyring is frozen: an earlier root key rotation has an unknown outcome; seal and unseal first");
            }

            Keyring? next = null;
            var committed = false;
            try
            {
                byte[] blob;
                try
                {
                    next = current.WithRootKey(newRootKey.Span);
                    blob = EncryptKeyring(next);
                    await _physical.PutAsync(NextKeyringPath, blob, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Nothing is committed before the commit runs: the old root key stays, whatever failed.
                    await TidyAfterRotationAsync(committedKeyring: null).ConfigureAwait(false);
                    throw new RootKeyRotationNotCommittedException("the root key rotation failed before its commit", ex);
                }

                try
                {
                    await commit(ct).ConfigureAwait(false);
                }
                catch (RootKeyRotationNotCommittedException)
                {
                    await TidyAfterRotationAsync(committedKeyring: null).ConfigureAwait(false);
                    throw;
                }
                catch
                {
                    // Whether the commit landed is unknown: keep the next keyring for unseal to decide, and store no
                    // keyring under either root key until then (one under the wrong key would lose later terms).
                    Volatile.Write(ref _keyringFrozen, true);
                    throw;
                }

                committed = true;

                // Committed: only the new root key opens what unseal will find, so every later keyring write uses it.
                Interlocked.Exchange(ref _keyring, next);
                current.ZeroRootKey();
                await TidyAfterRotationAsync(committedKeyring: blob).ConfigureAwait(false);
            }
            finally
            {
                if (!committed)
                {
                    next?.ZeroRootKey();
                }
            }
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
    {
        CheckKey(key);
        var keyring = Current();
        var blob = await _physical.GetAsync(key, ct).ConfigureAwait(false);
        if (blob is null)
        {
            return null;
        }

        var term = keyring.Find(BarrierCipher.ReadTerm(blob)) ?? throw new BarrierIntegrityException("stored value names an unknown key term");
        try
        {
            return BarrierCipher.Decrypt(term.Key, blob, key);
        }
        catch (BarrierIntegrityException) when (!IsPublished(term))
        {
            // A seal zeroed the key while this read decrypted with it: the value is intact, the barrier is sealed.
            throw new BarrierSealedException();
        }
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default)
    {
        CheckKey(key);
        Current();
        await CountEncryptionAsync(ct).ConfigureAwait(false);
        var active = Current().Active;
        var blob = BarrierCipher.Encrypt(active.Key, active.Term, value.Span, key);

        // A value encrypted with a key that a seal zeroed meanwhile (even if an unseal followed) is never stored.
        if (!IsPublished(active))
        {
            throw new BarrierSealedException();
        }

        await _physical.PutAsync(key, blob, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        CheckKey(key);
        Current();
        return _physical.DeleteAsync(key, ct);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default)
    {
        StorageKey.ValidatePrefix(prefix);
        Current();
        return _physical.ListAsync(prefix, ct);
    }

    // A seal zeroes keys only after unpublishing them, and every unseal loads fresh arrays: a key array still published
    // after a use was intact throughout that use.
    private bool IsPublished(KeyTerm term)
    {
        Interlocked.MemoryBarrier();
        return ReferenceEquals(Volatile.Read(ref _keyring)?.Find(term.Term)?.Key, term.Key);
    }

    private Keyring Current() => Volatile.Read(ref _keyring) ?? throw new BarrierSealedException();

    private static void CheckKey(string key)
    {
        StorageKey.Validate(key);
        if (ReservedKeys.Contains(key))
        {
            throw new InvalidStorageKeyException("this storage key is reserved for the seal");
        }
    }

    private async Task CountEncryptionAsync(CancellationToken ct)
    {
        var count = Interlocked.Increment(ref _encryptions);
        var keyring = Current();
        if (count <= keyring.Active.ReservedEncryptions && count < OperationLimit(keyring) && !IntervalReached(keyring))
        {
            return;
        }

        await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            keyring = Current();
            var current = Interlocked.Read(ref _encryptions);
            if (current >= OperationLimit(keyring) || IntervalReached(keyring))
            {
                await RotateLockedAsync(ct).ConfigureAwait(false);
            }
            else if (current > keyring.Active.ReservedEncryptions)
            {
                // Persist the next block before using it: after a crash the count resumes above the truth.
                var next = keyring.WithReservation(current + _options.CounterReserveBlock);
                await WriteKeyringAsync(next, ct).ConfigureAwait(false);
                Volatile.Write(ref _keyring, next);
            }
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    // The configured limit while automatic rotation is enabled; the NIST bound always.
    private long OperationLimit(Keyring keyring) =>
        keyring.Rotation.Enabled ? Math.Min(keyring.Rotation.MaxOperations, _options.MaxEncryptionsPerTerm) : _options.MaxEncryptionsPerTerm;

    private bool IntervalReached(Keyring keyring) =>
        keyring.Rotation is { Enabled: true, Interval: var interval } && interval > TimeSpan.Zero && _time.GetUtcNow() - keyring.Active.InstallTime >= interval;

    private async Task RotateLockedAsync(CancellationToken ct)
    {
        var next = Current().AddTerm(_time.GetUtcNow(), _options.CounterReserveBlock);
        await WriteKeyringAsync(next, ct).ConfigureAwait(false);
        Interlocked.Exchange(ref _encryptions, 0);
        Volatile.Write(ref _keyring, next);
    }

    /// <summary>
    /// Finishes what a root key rotation leaves: moves the keyring of a committed one into place, then removes the
    /// next keyring. Best effort: what fails here is found again at the next unseal, and the next keyring write (a
    /// term or a reservation) stores the keyring under the root key in use anyway.
    /// </summary>
    private async Task TidyAfterRotationAsync(byte[]? committedKeyring)
    {
        try
        {
            if (committedKeyring is not null)
            {
                await _physical.PutAsync(KeyringPath, committedKeyring, CancellationToken.None).ConfigureAwait(false);
            }

            await _physical.DeleteAsync(NextKeyringPath, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _ = ex;
        }
    }

    private Task WriteKeyringAsync(Keyring keyring, CancellationToken ct)
    {
        ThrowIfFrozen();
        return _physical.PutAsync(KeyringPath, EncryptKeyring(keyring), ct);
    }

    private void ThrowIfFrozen()
    {
        if (Volatile.Read(ref _keyringFrozen))
        {
            throw new InvalidOperationException("the keyring is frozen: a root key rotation failed with an unknown outcome; seal and unseal to continue");
        }
    }

    private static Keyring Open(ReadOnlySpan<byte> rootKey, byte[] blob)
    {
        var json = BarrierCipher.Decrypt(rootKey, blob, KeyringPath);
        Keyring keyring;
        try
        {
            keyring = Keyring.Deserialize(json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }

        if (!CryptographicOperations.FixedTimeEquals(keyring.RootKey, rootKey))
        {
            keyring.Zero();
            throw new BarrierIntegrityException("the keyring does not belong to this root key");
        }

        return keyring;
    }

    private static byte[] EncryptKeyring(Keyring keyring)
    {
        var json = keyring.Serialize();
        try
        {
            return BarrierCipher.Encrypt(keyring.RootKey, 0, json, KeyringPath);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }
}
