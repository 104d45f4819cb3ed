using System.Globalization;
using System.Text.Json;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>
/// Where KV v2 keeps things inside the mount's view: <c>config</c>, <c>metadata/&lt;key&gt;</c> and
/// <c>versions/&lt;key&gt;/&lt;n&gt;</c>. Values are JSON; the barrier underneath encrypts them.
/// </summary>
public static class KvV2Storage
{
    public const string ConfigKey = "config";
    public const string MetadataPrefix = "metadata/";
    public const string VersionsPrefix = "versions/";

    public static string VersionKey(string key, long version) =>
        VersionsPrefix + key + "/" + version.ToString(CultureInfo.InvariantCulture);

    public static async Task<KeyMetadataEntry?> ReadMetadataAsync(IStorage storage, string key, CancellationToken ct)
    {
        if (!IsKey(key))
        {
            return null;
        }

        return await storage.GetJsonAsync<KeyMetadataEntry>(MetadataPrefix + key, ct).ConfigureAwait(false);
    }

    public static Task WriteMetadataAsync(IStorage storage, string key, KeyMetadataEntry metadata, CancellationToken ct) =>
        storage.PutJsonAsync(MetadataPrefix + key, metadata, ct);

    /// <summary>Whether <paramref name="key"/> can name a secret: folders ("a/") and the mount root cannot.</summary>
    public static bool IsKey(string key) => key.Length > 0 && !key.EndsWith('/');

    public static Task<VersionEntry?> ReadVersionAsync(IStorage storage, string key, long version, CancellationToken ct) =>
        storage.GetJsonAsync<VersionEntry>(VersionKey(key, version), ct);

    public static Task WriteVersionAsync(IStorage storage, string key, long version, VersionEntry entry, CancellationToken ct) =>
        storage.PutJsonAsync(VersionKey(key, version), entry, ct);

    public static Task DeleteVersionAsync(IStorage storage, string key, long version, CancellationToken ct) =>
        storage.DeleteAsync(VersionKey(key, version), ct);

    public static async Task<KvConfigEntry?> ReadConfigAsync(IStorage storage, CancellationToken ct)
    {
        var bytes = await storage.GetAsync(ConfigKey, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return StoredJson.Deserialize<KvConfigEntry>(bytes);
        }
        catch (JsonException)
        {
            // Before an upgrade, "config" may be a KV v1 secret of any shape.
            return null;
        }
    }

    public static Task WriteConfigAsync(IStorage storage, KvConfigEntry config, CancellationToken ct) =>
        storage.PutJsonAsync(ConfigKey, config, ct);
}
