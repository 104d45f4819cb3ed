using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>cache-config</c> (how many keys stay in memory) and <c>config/keys</c> (whether encrypt may create keys).</summary>
internal static class ConfigPaths
{
    private const string CacheConfigKey = "config/cache";
    private const string KeysConfigKey = "config/keys";
    private const int MinCacheSize = 10;

    public static IEnumerable<PathDefinition> Create(TransitBackend backend)
    {
        yield return new PathDefinition
        {
            Pattern = "cache-config",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["size"] = new(FieldType.Int, "Keys kept in memory; 0 means every key used, else at least 10."),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = async (request, data, ct) =>
                {
                    var size = await CacheSizeAsync(request.RequiredStorage, ct).ConfigureAwait(false);
                    return LogicalResponse.WithData(new Dictionary<string, object?> { ["size"] = size });
                },
                [Operation.Update] = async (request, data, ct) =>
                {
                    var size = data.GetInt("size");
                    if (size != 0 && (size < MinCacheSize || size > int.MaxValue))
                    {
                        throw LogicalException.BadRequest($"size must be 0 or a value greater or equal to {MinCacheSize}");
                    }

                    await request.RequiredStorage.PutAsync(CacheConfigKey, StoredJson.Serialize(new CacheConfig((int)size)), ct).ConfigureAwait(false);
                    backend.Keys.CacheSize = (int)size;
                    return LogicalResponse.WithData(new Dictionary<string, object?> { ["size"] = size });
                },
            },
            HelpSynopsis = "Bound the number of keys kept in memory.",
        };
        yield return new PathDefinition
        {
            Pattern = "config/keys",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["disable_upsert"] = new(FieldType.Bool, "Refuse to create keys on encrypt."),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = async (request, data, ct) => KeysConfigResponse(await UpsertDisabledAsync(request.RequiredStorage, ct).ConfigureAwait(false)),
                [Operation.Update] = async (request, data, ct) =>
                {
                    var disabled = data.Has("disable_upsert") ? data.GetBool("disable_upsert") : await UpsertDisabledAsync(request.RequiredStorage, ct).ConfigureAwait(false);
                    await request.RequiredStorage.PutAsync(KeysConfigKey, StoredJson.Serialize(new KeysConfig(disabled)), ct).ConfigureAwait(false);
                    return KeysConfigResponse(disabled);
                },
            },
            HelpSynopsis = "Configure how keys are created.",
        };
    }

    public static async Task<int> CacheSizeAsync(IStorage storage, CancellationToken ct) =>
        (await ReadAsync<CacheConfig>(storage, CacheConfigKey, ct).ConfigureAwait(false))?.Size ?? 0;

    public static async Task<bool> UpsertDisabledAsync(IStorage storage, CancellationToken ct) =>
        (await ReadAsync<KeysConfig>(storage, KeysConfigKey, ct).ConfigureAwait(false))?.DisableUpsert ?? false;

    private static LogicalResponse KeysConfigResponse(bool disabled) =>
        LogicalResponse.WithData(new Dictionary<string, object?> { ["disable_upsert"] = disabled });

    private static async Task<T?> ReadAsync<T>(IStorage storage, string key, CancellationToken ct)
        where T : class =>
        await storage.GetAsync(key, ct).ConfigureAwait(false) is { } bytes ? StoredJson.Deserialize<T>(bytes) : null;

    private sealed record CacheConfig(int Size);

    private sealed record KeysConfig(bool DisableUpsert);
}
