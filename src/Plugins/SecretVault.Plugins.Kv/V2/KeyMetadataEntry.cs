namespace SecretVault.Plugins.Kv.V2;

/// <summary>
/// The stored metadata of one key: its versions and settings. Writing it is the commit point of
/// every change to the key, so a crash before it leaves the previous state intact.
/// </summary>
public sealed class KeyMetadataEntry
{
    /// <summary>Versions not yet pruned, by number.</summary>
    public Dictionary<long, VersionMetadataEntry> Versions { get; set; } = [];

    public long CurrentVersion { get; set; }

    /// <summary>The oldest version kept; 0 until a version has been pruned.</summary>
    public long OldestVersion { get; set; }

    public DateTimeOffset? CreatedTime { get; set; }

    public DateTimeOffset? UpdatedTime { get; set; }

    /// <summary>0 means the mount's setting.</summary>
    public long MaxVersions { get; set; }

    public bool CasRequired { get; set; }

    /// <summary>Whole seconds; 0 means the mount's setting.</summary>
    public long DeleteVersionAfterSeconds { get; set; }

    public Dictionary<string, string>? CustomMetadata { get; set; }

    /// <summary>
    /// Records a new version and drops the versions beyond the limit (the key's max_versions, else the
    /// mount's, else 10). Returns the new version's number and the numbers whose data must be deleted.
    /// </summary>
    public (long Version, IReadOnlyList<long> Pruned) AddVersion(VersionMetadataEntry version, long mountMaxVersions)
    {
        CurrentVersion++;
        Versions[CurrentVersion] = version;
        UpdatedTime = version.CreatedTime;
        CreatedTime ??= version.CreatedTime;

        var limit = MaxVersions > 0 ? MaxVersions : mountMaxVersions > 0 ? mountMaxVersions : KvConfigEntry.DefaultMaxVersions;
        if (CurrentVersion - OldestVersion < limit)
        {
            return (CurrentVersion, []);
        }

        var newestPruned = CurrentVersion - limit;
        var pruned = new List<long>();
        for (var v = Math.Max(1, OldestVersion); v <= newestPruned; v++)
        {
            // Also versions already destroyed: their data entry may survive an interrupted destroy.
            Versions.Remove(v);
            pruned.Add(v);
        }

        OldestVersion = newestPruned + 1;
        return (CurrentVersion, pruned);
    }

    /// <summary>
    /// When a version created at <paramref name="created"/> is deleted on schedule: the shorter of the key's and the
    /// mount's delete_version_after, if either is set, and never while the mount has turned it off.
    /// </summary>
    public DateTimeOffset? ScheduledDeletion(DateTimeOffset created, long mountDeleteVersionAfterSeconds)
    {
        var seconds = (DeleteVersionAfterSeconds, mountDeleteVersionAfterSeconds) switch
        {
            (_, < 0) => 0,
            (> 0, > 0) => Math.Min(DeleteVersionAfterSeconds, mountDeleteVersionAfterSeconds),
            (> 0, _) => DeleteVersionAfterSeconds,
            (_, > 0) => mountDeleteVersionAfterSeconds,
            _ => 0,
        };
        return seconds > 0 ? created.AddSeconds(seconds) : null;
    }
}
