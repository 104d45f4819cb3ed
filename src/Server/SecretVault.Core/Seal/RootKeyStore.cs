using System.Security.Cryptography;
using SecretVault.Core.Barrier;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Seal;

/// <summary>
/// Wraps the root key under the unseal key, in the barrier's own AES-GCM framing with <c>core/root-key</c> as
/// associated data, for the seal configuration to carry. A wrong unseal key fails authentication.
/// Data from before the wrapped key moved into the configuration keeps it at <c>core/root-key</c>.
/// </summary>
public sealed class RootKeyStore
{
    internal const string LegacyKey = "core/root-key";

    private readonly IPhysicalBackend _physical;

    public RootKeyStore(IPhysicalBackend physical)
    {
        _physical = physical;
    }

    /// <summary><paramref name="rootKey"/> encrypted under <paramref name="unsealKey"/>.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> unsealKey, ReadOnlySpan<byte> rootKey) => BarrierCipher.Encrypt(unsealKey, 0, rootKey, LegacyKey);

    /// <summary>
    /// The root key in a pinned array the caller must zero, or null when <paramref name="unsealKey"/>
    /// does not open it (a wrong or foreign set of shares).
    /// </summary>
    public async Task<byte[]?> TryReadAsync(SealConfigEntry config, byte[] unsealKey, CancellationToken ct = default)
    {
        var blob = config.WrappedRootKey
            ?? await _physical.GetAsync(LegacyKey, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The root key is missing from storage.");
        try
        {
            return BarrierCipher.Decrypt(unsealKey, blob, LegacyKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Removes the legacy copy (what a crashed init, or a configuration that now carries the key, leaves behind).</summary>
    public Task DeleteLegacyAsync(CancellationToken ct = default) => _physical.DeleteAsync(LegacyKey, ct);
}
