using System.Security.Cryptography;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Barrier;

/// <summary>
/// The keyring in physical storage, encrypted under the root key: reading it at unseal (finishing what an
/// interrupted root key rotation left), writing it, and the next keyring a root key rotation stores beside it.
/// While frozen (a root key rotation's outcome is unknown) it stores no keyring at all.
/// </summary>
internal sealed class KeyringStore
{
    public const string KeyringPath = "core/keyring";

    // The keyring under the next root key while a root key rotation is between its steps.
    public const string NextKeyringPath = "core/keyring-next";

    private readonly IPhysicalBackend _physical;
    private bool _frozen;

    public KeyringStore(IPhysicalBackend physical)
    {
        _physical = physical;
    }

    /// <summary>True while no keyring may be written until the next unseal.</summary>
    public bool Frozen => Volatile.Read(ref _frozen);

    /// <summary>Stops keyring writes until the next unseal decides which root key won.</summary>
    public void Freeze() => Volatile.Write(ref _frozen, true);

    public async Task<bool> ExistsAsync(CancellationToken ct) =>
        await _physical.GetAsync(KeyringPath, ct).ConfigureAwait(false) is not null;

    /// <summary>
    /// Opens the stored keyring with <paramref name="rootKey"/>, or the next keyring when a rotation committed this
    /// root key but stopped before moving its keyring into place; unfreezes.
    /// </summary>
    public async Task<Keyring> OpenAsync(ReadOnlyMemory<byte> rootKey, CancellationToken ct)
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
            keyring = Open(rootKey.Span, next);
            fromNext = true;
        }

        if (next is not null)
        {
            await TidyAfterRotationAsync(fromNext ? next : null).ConfigureAwait(false);
        }

        Volatile.Write(ref _frozen, false);
        return keyring;
    }

    /// <summary>Stores <paramref name="keyring"/> under its root key.</summary>
    public Task WriteAsync(Keyring keyring, CancellationToken ct)
    {
        if (Frozen)
        {
            throw new InvalidOperationException("the keyring is frozen: a root key rotation failed with an unknown outcome; seal and unseal to continue");
        }

        return _physical.PutAsync(KeyringPath, Encrypt(keyring), ct);
    }

    /// <summary>Stores the keyring under the next root key beside the current one; returns the stored blob.</summary>
    public async Task<byte[]> WriteNextAsync(Keyring next, CancellationToken ct)
    {
        var blob = Encrypt(next);
        await _physical.PutAsync(NextKeyringPath, blob, ct).ConfigureAwait(false);
        return blob;
    }

    /// <summary>
    /// Finishes what a root key rotation leaves: moves the keyring of a committed one into place, then removes the
    /// next keyring. Best effort: what fails here is found again at the next unseal, and the next keyring write (a
    /// term or a reservation) stores the keyring under the root key in use anyway.
    /// </summary>
    public async Task TidyAfterRotationAsync(byte[]? committedKeyring)
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

    private static byte[] Encrypt(Keyring keyring)
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
