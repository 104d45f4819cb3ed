using System.Text.Json;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>
/// Brings a mount's storage to the v2 layout. A new mount only gets its config; a mount tuned from
/// v1 to v2 has every v1 secret turned into version 1 of the same key, as Vault does, and the v1
/// entry removed. The config entry marks progress, so a restart in the middle resumes.
/// </summary>
internal sealed class KvUpgrade
{
    private readonly IStorage _storage;
    private readonly TimeProvider _time;

    public KvUpgrade(IStorage storage, TimeProvider time)
    {
        _storage = storage;
        _time = time;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var config = await KvV2Storage.ReadConfigAsync(_storage, ct).ConfigureAwait(false);
        if (config is { Layout: 2 })
        {
            return;
        }

        var keys = await StorageTree.ListAllAsync(_storage, "", ct).ConfigureAwait(false);
        if (config is { Upgrading: true })
        {
            // Resuming: entries under the v2 names were written by the interrupted run.
            await ConvertAsync(keys.Where(k => !IsV2Name(k)), ct).ConfigureAwait(false);
        }
        else if (keys.Count > 0)
        {
            // v1 secrets whose names the v2 layout uses are held in memory while their names are taken over.
            var clashing = new List<(string Key, byte[] Value)>();
            foreach (var key in keys.Where(IsV2Name))
            {
                if (await _storage.GetAsync(key, ct).ConfigureAwait(false) is { } value)
                {
                    clashing.Add((key, value));
                }
            }

            await KvV2Storage.WriteConfigAsync(_storage, new KvConfigEntry { Upgrading = true }, ct).ConfigureAwait(false);
            foreach (var (key, _) in clashing.Where(c => c.Key != KvV2Storage.ConfigKey))
            {
                await _storage.DeleteAsync(key, ct).ConfigureAwait(false);
            }

            foreach (var (key, value) in clashing)
            {
                await WriteAsVersionOneAsync(key, value, ct).ConfigureAwait(false);
            }

            await ConvertAsync(keys.Where(k => !IsV2Name(k)), ct).ConfigureAwait(false);
        }

        await KvV2Storage.WriteConfigAsync(_storage, new KvConfigEntry { Layout = 2 }, ct).ConfigureAwait(false);
    }

    private static bool IsV2Name(string key) =>
        key == KvV2Storage.ConfigKey
        || key.StartsWith(KvV2Storage.MetadataPrefix, StringComparison.Ordinal)
        || key.StartsWith(KvV2Storage.VersionsPrefix, StringComparison.Ordinal);

    private async Task ConvertAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            if (await _storage.GetAsync(key, ct).ConfigureAwait(false) is { } value)
            {
                await WriteAsVersionOneAsync(key, value, ct).ConfigureAwait(false);
                await _storage.DeleteAsync(key, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsVersionOneAsync(string key, byte[] value, CancellationToken ct)
    {
        using var document = JsonDocument.Parse(value);
        var now = _time.GetUtcNow();
        await KvV2Storage.WriteVersionAsync(_storage, key, 1, new VersionEntry { Data = document.RootElement.Clone(), CreatedTime = now }, ct).ConfigureAwait(false);
        await KvV2Storage.WriteMetadataAsync(_storage, key, new KeyMetadataEntry
        {
            Versions = { [1] = new VersionMetadataEntry { CreatedTime = now } },
            CurrentVersion = 1,
            OldestVersion = 1,
            CreatedTime = now,
            UpdatedTime = now,
        }, ct).ConfigureAwait(false);
    }
}
