using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv.V2;

/// <summary><c>delete/</c>, <c>undelete/</c> and <c>destroy/</c>: act on listed versions of a key.</summary>
internal sealed class VersionActionPaths
{
    private static readonly Dictionary<string, FieldSchema> Fields = new(StringComparer.Ordinal)
    {
        ["path"] = new(FieldType.String, "Location of the secret."),
        ["versions"] = new(FieldType.Raw, "The version numbers to act on."),
    };

    private readonly KvV2Backend _backend;

    private VersionActionPaths(KvV2Backend backend)
    {
        _backend = backend;
    }

    public static PathDefinition[] Create(KvV2Backend backend)
    {
        var paths = new VersionActionPaths(backend);
        return
        [
            Define("delete", paths.SoftDeleteAsync, "Soft-delete versions: reads answer 404 until they are undeleted."),
            Define("undelete", paths.UndeleteAsync, "Undo the soft-delete of versions; destroyed versions stay destroyed."),
            Define("destroy", paths.DestroyAsync, "Permanently remove the data of versions; their numbers stay taken."),
        ];
    }

    private static PathDefinition Define(string action, PathHandler handler, string help) => new()
    {
        Pattern = action + "/(?<path>.*)",
        Fields = Fields,
        Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = handler },
        HelpSynopsis = help,
    };

    private Task<LogicalResponse?> SoftDeleteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var versions = KvInput.Versions(data, "No version number provided");
        return ChangeAsync(request, data, versions, (entry, now) => entry.IsGone(now) ? entry : entry with { DeletionTime = now }, ct);
    }

    private Task<LogicalResponse?> UndeleteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var versions = KvInput.Versions(data, "No version number provided");
        return ChangeAsync(request, data, versions, (entry, _) => entry.Destroyed ? entry : entry with { DeletionTime = null }, ct);
    }

    private async Task<LogicalResponse?> DestroyAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var versions = KvInput.Versions(data, "no version number provided");
        var key = data.GetString("path");

        // The metadata says "destroyed" first; the data goes after it. A crash in between leaves data that
        // nothing reads, and destroying again (the client saw no answer) removes it.
        return await ChangeAsync(request, data, versions, (entry, _) => entry with { Destroyed = true }, ct,
            version => KvV2Storage.DeleteVersionAsync(request.RequiredStorage, key, version, ct)).ConfigureAwait(false);
    }

    private async Task<LogicalResponse?> ChangeAsync(
        LogicalRequest request, FieldData data, IReadOnlyList<long> versions, Func<VersionMetadataEntry, DateTimeOffset, VersionMetadataEntry> change, CancellationToken ct,
        Func<long, Task>? afterCommit = null)
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

            var now = _backend.Time.GetUtcNow();
            var changed = false;
            var known = new List<long>();
            foreach (var version in versions.Distinct())
            {
                if (!metadata.Versions.TryGetValue(version, out var entry))
                {
                    continue;
                }

                known.Add(version);
                var updated = change(entry, now);
                if (updated != entry)
                {
                    metadata.Versions[version] = updated;
                    changed = true;
                }
            }

            if (changed)
            {
                await KvV2Storage.WriteMetadataAsync(storage, key, metadata, ct).ConfigureAwait(false);
            }

            if (afterCommit is not null)
            {
                foreach (var version in known)
                {
                    await afterCommit(version).ConfigureAwait(false);
                }
            }

            return null;
        }
    }
}
