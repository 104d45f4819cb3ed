using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Barrier;

/// <summary>
/// The AES-256-GCM barrier over a physical backend. Every value is encrypted with the active key
/// term (<see cref="BarrierCipher"/>); the keyring sits at <c>core/keyring</c> encrypted under the
/// root key (<see cref="KeyringStore"/>), and each term's use is counted (<see cref="EncryptionBudget"/>).
/// Sealed, it holds no keys and refuses every call.
/// </summary>
public sealed class AesGcmBarrier : ISecurityBarrier
{
    internal const string KeyringPath = KeyringStore.KeyringPath;

    internal const string NextKeyringPath = KeyringStore.NextKeyringPath;

    // Stored outside the barrier's own encryption (seal configuration, the root key under the unseal
    // key, the keyring): never readable or writable through the logical surface.
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal) { KeyringPath, NextKeyringPath, "core/root-key", "core/seal-config" };

    private readonly IPhysicalBackend _physical;
    private readonly TimeProvider _time;
    private readonly BarrierOptions _options;
    private readonly KeyringStore _stored;
    private readonly EncryptionBudget _budget;
    private readonly KeyringRotation _rotation;

    public AesGcmBarrier(IPhysicalBackend physical, TimeProvider time, BarrierOptions? options = null)
    {
        _physical = physical;
        _time = time;
        _options = options ?? new BarrierOptions();
        _stored = new KeyringStore(physical);
        _budget = new EncryptionBudget(time, _options);
        _rotation = new KeyringRotation(_stored, _budget, time, _options);
    }

    /// <inheritdoc />
    public bool Sealed => _rotation.Published is null;

    /// <inheritdoc />
    public KeyTermStatus ActiveKeyStatus => _rotation.Status;

    /// <summary>Encryptions of the active term counted against its limit (at least the true count), for tests.</summary>
    internal long EncryptionsTowardLimit => _budget.TowardLimit;

    /// <summary>The live keyring, for tests that check key hygiene.</summary>
    internal Keyring? KeyringForTests => _rotation.Published;

    /// <inheritdoc />
    public Task<bool> IsInitializedAsync(CancellationToken ct = default) => _stored.ExistsAsync(ct);

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
            await _stored.WriteAsync(keyring, ct).ConfigureAwait(false);
        }
        finally
        {
            keyring.Zero();
        }
    }

    /// <inheritdoc />
    public Task UnsealAsync(ReadOnlyMemory<byte> rootKey, CancellationToken ct = default) => _rotation.OpenAsync(rootKey, ct);

    /// <inheritdoc />
    public Task<bool> SaveEncryptionCountAsync(CancellationToken ct = default) => _rotation.SaveEncryptionCountAsync(ct);

    /// <inheritdoc />
    public void Seal() => _rotation.Seal();

    /// <inheritdoc />
    public Task<KeyTermStatus> RotateAsync(CancellationToken ct = default) => _rotation.RotateAsync(ct);

    /// <inheritdoc />
    public KeyRotationConfig RotationConfig => _rotation.RotationConfig;

    /// <inheritdoc />
    public Task SetRotationConfigAsync(Func<KeyRotationConfig, KeyRotationConfig> change, CancellationToken ct = default) =>
        _rotation.SetRotationConfigAsync(change, ct);

    /// <inheritdoc />
    public Task RotateRootKeyAsync(ReadOnlyMemory<byte> newRootKey, Func<CancellationToken, Task> commit, CancellationToken ct = default) =>
        _rotation.RotateRootKeyAsync(newRootKey, commit, ct);

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
        await _rotation.CountEncryptionAsync(ct).ConfigureAwait(false);
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
        return ReferenceEquals(_rotation.Published?.Find(term.Term)?.Key, term.Key);
    }

    private Keyring Current() => _rotation.Current();

    private static void CheckKey(string key)
    {
        StorageKey.Validate(key);
        if (ReservedKeys.Contains(key))
        {
            throw new InvalidStorageKeyException("this storage key is reserved for the seal");
        }
    }
}
