using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv.V2;

/// <summary><c>metadata/:path</c>: list keys, read, write and patch a key's settings, delete a key with all its versions.</summary>
internal sealed class MetadataPaths
{
    private static readonly Dictionary<string, FieldSchema> Fields = new(StringComparer.Ordinal)
    {
        ["path"] = new(FieldType.String, "Location of the secret."),
        ["max_versions"] = new(FieldType.Int, "Versions kept for this key; 0 means the mount's setting."),
        ["cas_required"] = new(FieldType.Bool, "Every write to this key must carry options.cas."),
        ["delete_version_after"] = new(FieldType.Duration, "Soft-delete each version this long after it was written; 0 means the mount's setting."),
        ["custom_metadata"] = new(FieldType.Raw, "A map of strings kept with the key (at most 64 entries)."),
    };

    private readonly KvV2Backend _backend;

    private MetadataPaths(KvV2Backend backend)
    {
        _backend = backend;
    }

    public static PathDefinition[] Create(KvV2Backend backend)
    {
        var paths = new MetadataPaths(backend);
        return
        [
            new PathDefinition
            {
                Pattern = "metadata/(?<path>.*)",
                Fields = Fields,
                ExistenceCheck = DataPaths.MetadataExistsAsync,
                Operations = new Dictionary<Operation, PathHandler>
                {
                    [Operation.List] = ListAsync,
                    [Operation.Read] = ReadAsync,
                    [Operation.Update] = paths.WriteAsync,
                    [Operation.Patch] = paths.PatchAsync,
                    [Operation.Delete] = paths.DeleteAsync,
                },
                HelpSynopsis = "Manage the metadata of a key: its versions, max_versions, cas_required, delete_version_after and custom_metadata.",
                HelpDescription = "A delete removes the key's metadata and every version; the next write starts again at version 1.",
            },
        ];
    }

    private static async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var prefix = data.GetString("path");
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            prefix += "/";
        }

        return LogicalResponse.List(await request.RequiredStorage.ListAsync(KvV2Storage.MetadataPrefix + prefix, ct).ConfigureAwait(false));
    }

    private static async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var metadata = await KvV2Storage.ReadMetadataAsync(request.RequiredStorage, data.GetString("path"), ct).ConfigureAwait(false);
        return metadata is null ? null : LogicalResponse.WithData(KvResponses.Metadata(metadata));
    }

    private Task<LogicalResponse?> WriteAsync(LogicalRequest request, FieldData data, CancellationToken ct) => ChangeAsync(request, data, patch: false, ct);

    private Task<LogicalResponse?> PatchAsync(LogicalRequest request, FieldData data, CancellationToken ct) => ChangeAsync(request, data, patch: true, ct);

    private async Task<LogicalResponse?> ChangeAsync(LogicalRequest request, FieldData data, bool patch, CancellationToken ct)
    {
        var key = KvInput.WritableKey(data);
        if (!Fields.Keys.Any(name => name != "path" && data.Has(name)))
        {
            return null;
        }

        var maxVersions = data.Has("max_versions") ? data.GetInt("max_versions") : (long?)null;
        if (maxVersions < 0)
        {
            throw LogicalException.BadRequest("max_versions must not be negative");
        }

        var deleteAfter = data.Has("delete_version_after") ? (long)data.GetDuration("delete_version_after").TotalSeconds : (long?)null;
        if (deleteAfter < 0)
        {
            throw LogicalException.BadRequest("delete_version_after must not be negative");
        }

        var casRequired = data.Has("cas_required") ? data.GetBool("cas_required") : (bool?)null;
        var storage = request.RequiredStorage;
        var config = await _backend.GetConfigAsync(storage, ct).ConfigureAwait(false);
        using (await _backend.Locks.AcquireAsync(key, ct).ConfigureAwait(false))
        {
            var now = _backend.Time.GetUtcNow();
            var metadata = await KvV2Storage.ReadMetadataAsync(storage, key, ct).ConfigureAwait(false);
            if (metadata is null)
            {
                metadata = patch ? throw LogicalException.NotFound() : new KeyMetadataEntry { CreatedTime = now };
            }

            metadata.UpdatedTime = now;
            metadata.MaxVersions = maxVersions ?? metadata.MaxVersions;
            metadata.DeleteVersionAfterSeconds = deleteAfter ?? metadata.DeleteVersionAfterSeconds;
            metadata.CasRequired = casRequired ?? metadata.CasRequired;
            if (data.GetRaw("custom_metadata") is { } custom)
            {
                metadata.CustomMetadata = CustomMetadataRules.Apply(metadata.CustomMetadata, custom, patch);
            }

            await KvV2Storage.WriteMetadataAsync(storage, key, metadata, ct).ConfigureAwait(false);
        }

        if (casRequired == false && config.CasRequired)
        {
            return LogicalResponse.Warning("\"cas_required\" set to false, but is mandated by backend config. This value will be ignored.");
        }

        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var key = data.GetString("path");
        var storage = request.RequiredStorage;
        using (await _backend.Locks.AcquireAsync(key, ct).ConfigureAwait(false))
        {
            var metadata = await KvV2Storage.ReadMetadataAsync(storage, key, ct).ConfigureAwait(false);
            if (metadata is null)
            {
                return null;
            }

            // The metadata goes first: once it is gone the key reads as never written, and a crash before
            // the versions are deleted leaves only entries that nothing reads.
            await storage.DeleteAsync(KvV2Storage.MetadataPrefix + key, ct).ConfigureAwait(false);
            for (var version = Math.Max(1, metadata.OldestVersion); version <= metadata.CurrentVersion; version++)
            {
                await KvV2Storage.DeleteVersionAsync(storage, key, version, ct).ConfigureAwait(false);
            }

            return null;
        }
    }
}
