using System.Security.Cryptography;
using SecretVault.Core.Barrier;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Seal;

/// <summary>
/// Keeps the root key encrypted under the unseal key at <c>core/root-key</c>, in the barrier's own
/// AES-GCM framing with the path as associated data. A wrong unseal key fails authentication.
/// </summary>
public sealed class RootKeyStore
{
    internal const string Key = "core/root-key";

    private readonly IPhysicalBackend _physical;

    public RootKeyStore(IPhysicalBackend physical)
    {
        _physical = physical;
    }

    /// <summary>Encrypts <paramref name="rootKey"/> under <paramref name="unsealKey"/> and stores it.</summary>
    public Task WriteAsync(ReadOnlySpan<byte> unsealKey, ReadOnlySpan<byte> rootKey, CancellationToken ct = default)
    {
        var blob = BarrierCipher.Encrypt(unsealKey, 0, rootKey, Key);
        return _physical.PutAsync(Key, blob, ct);
    }

    /// <summary>
    /// The root key in a pinned array the caller must zero, or null when <paramref name="unsealKey"/>
    /// does not open it (a wrong or foreign set of shares).
    /// </summary>
    public async Task<byte[]?> TryReadAsync(byte[] unsealKey, CancellationToken ct = default)
    {
        var blob = await _physical.GetAsync(Key, ct).ConfigureAwait(false) ?? throw new InvalidOperationException("The root key is missing from storage.");
        try
        {
            return BarrierCipher.Decrypt(unsealKey, blob, Key);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Removes what a crashed init may have left behind.</summary>
    public Task DeleteAsync(CancellationToken ct = default) => _physical.DeleteAsync(Key, ct);
}
