using SecretVault.Sdk.Storage;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Seal;

/// <summary>Reads and writes the plaintext seal configuration on physical storage.</summary>
public sealed class SealConfigStore
{
    internal const string Key = "core/seal-config";

    private readonly IPhysicalBackend _physical;

    public SealConfigStore(IPhysicalBackend physical)
    {
        _physical = physical;
    }

    /// <summary>The stored configuration, or null before init.</summary>
    public async Task<SealConfigEntry?> ReadAsync(CancellationToken ct = default)
    {
        var bytes = await _physical.GetAsync(Key, ct).ConfigureAwait(false);
        return bytes is null ? null : StoredJson.Deserialize<SealConfigEntry>(bytes);
    }

    /// <summary>Writes the configuration; the last step of init.</summary>
    public Task WriteAsync(SealConfigEntry config, CancellationToken ct = default) =>
        _physical.PutAsync(Key, StoredJson.Serialize(config), ct);
}
