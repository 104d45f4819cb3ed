using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Kv.V2;

/// <summary><c>data/:path</c>: read a version, write or patch a new one, soft-delete the latest.</summary>
internal sealed class DataPaths
{
    private static readonly Dictionary<string, FieldSchema> Fields = new(StringComparer.Ordinal)
    {
        ["path"] = new(FieldType.String, "Location of the secret."),
        ["version"] = new(FieldType.Int, "The version to read; 0 or absent reads the current version."),
        ["data"] = new(FieldType.Raw, "The secret: a JSON object, stored as given and returned on read."),
        ["options"] = new(FieldType.Raw, "Write options; \"cas\" makes the write check-and-set (0: only if the key does not exist)."),
    };

    private readonly KvV2Backend _backend;

    private DataPaths(KvV2Backend backend)
    {
        _backend = backend;
    }

    public static PathDefinition[] Create(KvV2Backend backend)
    {
        var paths = new DataPaths(backend);
        return
        [
            new PathDefinition
            {
                Pattern = "data/(?<path>.*)",
                Fields = Fields,
                ExistenceCheck = MetadataExistsAsync,
                Operations = new Dictionary<Operation, PathHandler>
                {
                    [Operation.Read] = paths.ReadAsync,
                    [Operation.Update] = paths.WriteAsync,
                    [Operation.Patch] = paths.PatchAsync,
                    [Operation.Delete] = paths.DeleteLatestAsync,
                },
                HelpSynopsis = "Write, patch, read and delete versions of a secret.",
                HelpDescription = "A write stores a new version; a read returns the current version or ?version=N; " +
                    "a delete soft-deletes the current version (undelete/ brings it back).",
            },
        ];
    }

    internal static async Task<bool> MetadataExistsAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        await KvV2Storage.ReadMetadataAsync(request.RequiredStorage, data.GetString("path"), ct).ConfigureAwait(false) is not null;

    /// <summary>Stores <paramref name="secret"/> as the next version of <paramref name="key"/>; the caller holds the key's lock.</summary>
    internal static async Task<LogicalResponse> AppendVersionAsync(
        IStorage storage, string key, KeyMetadataEntry metadata, JsonElement secret, KvConfigEntry config, DateTimeOffset now, CancellationToken ct)
    {
        // The version's data goes first and the metadata after it: until the metadata names the new
        // version, a crash leaves the key as it was and the next write reuses the number.
        await KvV2Storage.WriteVersionAsync(storage, key, metadata.CurrentVersion + 1, new VersionEntry { Data = secret, CreatedTime = now }, ct).ConfigureAwait(false);
        var entry = new VersionMetadataEntry { CreatedTime = now, DeletionTime = metadata.ScheduledDeletion(now, config.DeleteVersionAfterSeconds) };
        var (version, pruned) = metadata.AddVersion(entry, config.MaxVersions);
        await KvV2Storage.WriteMetadataAsync(storage, key, metadata, ct).ConfigureAwait(false);
        foreach (var old in pruned)
        {
            await KvV2Storage.DeleteVersionAsync(storage, key, old, ct).ConfigureAwait(false);
        }

        return LogicalResponse.WithData(KvResponses.Version(version, entry, metadata));
    }

    private async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var key = data.GetString("path");
        var requested = KvInput.RequestedVersion(data);
        var storage = request.RequiredStorage;

        // Reads take no lock; only when a concurrent write pruned the version between the two reads
        // is the read repeated under the key's lock.
        if (await TryReadAsync(storage, key, requested, ct).ConfigureAwait(false) is { } response)
        {
            return response.Found;
        }

        using (await _backend.Locks.AcquireAsync(key, ct).ConfigureAwait(false))
        {
            return (await TryReadAsync(storage, key, requested, ct).ConfigureAwait(false))?.Found
                ?? throw new LogicalException(500, "could not find version data");
        }
    }

    private async Task<ReadResult?> TryReadAsync(IStorage storage, string key, long requested, CancellationToken ct)
    {
        var metadata = await KvV2Storage.ReadMetadataAsync(storage, key, ct).ConfigureAwait(false);
        if (metadata is null)
        {
            return new ReadResult(null);
        }

        var number = requested > 0 ? requested : metadata.CurrentVersion;
        if (!metadata.Versions.TryGetValue(number, out var entry))
        {
            return new ReadResult(null);
        }

        var versionMetadata = KvResponses.Version(number, entry, metadata);
        if (entry.IsGone(_backend.Time.GetUtcNow()))
        {
            // As Vault: 404, but with the version's metadata, so clients can tell "deleted" from "never written".
            return new ReadResult(new LogicalResponse
            {
                StatusCode = 404,
                Data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["data"] = null, ["metadata"] = versionMetadata },
            });
        }

        var version = await KvV2Storage.ReadVersionAsync(storage, key, number, ct).ConfigureAwait(false);
        return version is null
            ? null
            : new ReadResult(LogicalResponse.WithData(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["data"] = version.Data,
                ["metadata"] = versionMetadata,
            }));
    }

    private async Task<LogicalResponse?> WriteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var key = KvInput.WritableKey(data);
        var secret = KvInput.DataObject(data);
        var cas = KvInput.CheckAndSet(data);
        var storage = request.RequiredStorage;
        var config = await _backend.GetConfigAsync(storage, ct).ConfigureAwait(false);
        using (await _backend.Locks.AcquireAsync(key, ct).ConfigureAwait(false))
        {
            var metadata = await KvV2Storage.ReadMetadataAsync(storage, key, ct).ConfigureAwait(false) ?? new KeyMetadataEntry();
            KvInput.VerifyCheckAndSet(cas, config, metadata);
            return await AppendVersionAsync(storage, key, metadata, secret, config, _backend.Time.GetUtcNow(), ct).ConfigureAwait(false);
        }
    }

    private async Task<LogicalResponse?> PatchAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var key = KvInput.WritableKey(data);
        var patch = KvInput.DataObject(data);
        var cas = KvInput.CheckAndSet(data);
        var storage = request.RequiredStorage;
        var config = await _backend.GetConfigAsync(storage, ct).ConfigureAwait(false);
        using (await _backend.Locks.AcquireAsync(key, ct).ConfigureAwait(false))
        {
            var metadata = await KvV2Storage.ReadMetadataAsync(storage, key, ct).ConfigureAwait(false) ?? throw LogicalException.NotFound();
            KvInput.VerifyCheckAndSet(cas, config, metadata);
            if (!metadata.Versions.TryGetValue(metadata.CurrentVersion, out var current))
            {
                throw LogicalException.NotFound();
            }

            var now = _backend.Time.GetUtcNow();
            if (current.IsGone(now))
            {
                return new LogicalResponse { StatusCode = 404, Data = KvResponses.Version(metadata.CurrentVersion, current, metadata) };
            }

            var version = await KvV2Storage.ReadVersionAsync(storage, key, metadata.CurrentVersion, ct).ConfigureAwait(false)
                ?? throw new LogicalException(500, "could not find version data");
            var merged = JsonMergePatch.Apply(version.Data, patch);
            return await AppendVersionAsync(storage, key, metadata, merged, config, now, ct).ConfigureAwait(false);
        }
    }

    private async Task<LogicalResponse?> DeleteLatestAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var key = data.GetString("path");
        var storage = request.RequiredStorage;
        using (await _backend.Locks.AcquireAsync(key, ct).ConfigureAwait(false))
        {
            var metadata = await KvV2Storage.ReadMetadataAsync(storage, key, ct).ConfigureAwait(false);
            var now = _backend.Time.GetUtcNow();
            if (metadata is null || !metadata.Versions.TryGetValue(metadata.CurrentVersion, out var current) || current.IsGone(now))
            {
                return null;
            }

            metadata.Versions[metadata.CurrentVersion] = current with { DeletionTime = now };
            await KvV2Storage.WriteMetadataAsync(storage, key, metadata, ct).ConfigureAwait(false);
            return null;
        }
    }

    private sealed record ReadResult(LogicalResponse? Found);
}
