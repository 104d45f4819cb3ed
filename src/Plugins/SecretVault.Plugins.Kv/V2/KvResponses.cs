using System.Globalization;
using SecretVault.Sdk.Time;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>The JSON shapes of KV v2's answers, field for field as Vault's.</summary>
internal static class KvResponses
{
    /// <summary>One version's metadata as a data write, read or patch reports it.</summary>
    public static Dictionary<string, object?> Version(long version, VersionMetadataEntry entry, KeyMetadataEntry metadata) => new(StringComparer.Ordinal)
    {
        ["created_time"] = KvTime.Format(entry.CreatedTime),
        ["custom_metadata"] = Sorted(metadata.CustomMetadata),
        ["deletion_time"] = KvTime.Format(entry.DeletionTime),
        ["destroyed"] = entry.Destroyed,
        ["version"] = version,
    };

    /// <summary>A key's metadata as <c>GET metadata/:path</c> reports it.</summary>
    public static Dictionary<string, object?> Metadata(KeyMetadataEntry metadata) => new(StringComparer.Ordinal)
    {
        ["cas_required"] = metadata.CasRequired,
        ["created_time"] = KvTime.Format(metadata.CreatedTime),
        ["current_version"] = metadata.CurrentVersion,
        ["custom_metadata"] = Sorted(metadata.CustomMetadata),
        ["delete_version_after"] = Durations.Format(TimeSpan.FromSeconds(metadata.DeleteVersionAfterSeconds)),
        ["max_versions"] = metadata.MaxVersions,
        ["oldest_version"] = metadata.OldestVersion,
        ["updated_time"] = KvTime.Format(metadata.UpdatedTime),
        ["versions"] = metadata.Versions.OrderBy(v => v.Key).ToDictionary(
            v => v.Key.ToString(CultureInfo.InvariantCulture),
            v => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["created_time"] = KvTime.Format(v.Value.CreatedTime),
                ["deletion_time"] = KvTime.Format(v.Value.DeletionTime),
                ["destroyed"] = v.Value.Destroyed,
            },
            StringComparer.Ordinal),
    };

    // Vault writes maps with their keys in order.
    private static SortedDictionary<string, string>? Sorted(Dictionary<string, string>? map) =>
        map is null ? null : new SortedDictionary<string, string>(map, StringComparer.Ordinal);
}
