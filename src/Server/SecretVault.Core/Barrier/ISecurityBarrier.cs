using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Barrier;

/// <summary>
/// The encrypting layer between logical storage and the untrusted physical backend. While sealed
/// it holds no key material and every storage call throws <see cref="BarrierSealedException"/>.
/// </summary>
public interface ISecurityBarrier : IStorage
{
    /// <summary>True until <see cref="UnsealAsync"/> succeeds, and again after <see cref="Seal"/>.</summary>
    bool Sealed { get; }

    /// <summary>True when a keyring exists in physical storage.</summary>
    Task<bool> IsInitializedAsync(CancellationToken ct = default);

    /// <summary>Creates the keyring (term 1) and stores it encrypted under <paramref name="rootKey"/>. Leaves the barrier sealed.</summary>
    Task InitializeAsync(ReadOnlyMemory<byte> rootKey, CancellationToken ct = default);

    /// <summary>Decrypts the keyring with <paramref name="rootKey"/>; throws <see cref="BarrierIntegrityException"/> when the key is wrong.</summary>
    Task UnsealAsync(ReadOnlyMemory<byte> rootKey, CancellationToken ct = default);

    /// <summary>
    /// Stores the active term's exact encryption count (best kept before a seal), so <see cref="ActiveKeyStatus"/>
    /// after the next unseal resumes from it; without it, from the count stored with the last keyring write. Best
    /// effort: false when sealed, when the keyring is frozen or when storage refused the write.
    /// </summary>
    Task<bool> SaveEncryptionCountAsync(CancellationToken ct = default);

    /// <summary>Drops and zeroes all key material.</summary>
    void Seal();

    /// <summary>Adds a new key term, persists the keyring, and makes the term active for new writes.</summary>
    Task<KeyTermStatus> RotateAsync(CancellationToken ct = default);

    /// <summary>
    /// Re-encrypts the keyring under <paramref name="newRootKey"/>. The new keyring is stored beside the old one
    /// first; <paramref name="commit"/> (which stores whatever makes the new root key the one unseal finds) is the
    /// point of no return; only then does the new keyring replace the old. A crash anywhere leaves one root key
    /// whose keyring unseal can open.
    /// </summary>
    Task RotateRootKeyAsync(ReadOnlyMemory<byte> newRootKey, Func<CancellationToken, Task> commit, CancellationToken ct = default);

    /// <summary>When the barrier rotates on its own (<c>sys/rotate/config</c>).</summary>
    KeyRotationConfig RotationConfig { get; }

    /// <summary>Changes the automatic rotation settings in the keyring; <paramref name="change"/> runs under the keyring lock.</summary>
    Task SetRotationConfigAsync(Func<KeyRotationConfig, KeyRotationConfig> change, CancellationToken ct = default);

    /// <summary>The active term, its install time and its encryption count.</summary>
    KeyTermStatus ActiveKeyStatus { get; }
}
