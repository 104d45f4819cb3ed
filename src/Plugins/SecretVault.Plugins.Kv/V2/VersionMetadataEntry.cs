namespace SecretVault.Plugins.Kv.V2;

/// <summary>What the metadata records about one version of a key.</summary>
public sealed record VersionMetadataEntry
{
    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the version is (or was) soft-deleted; a future time is a scheduled deletion.</summary>
    public DateTimeOffset? DeletionTime { get; init; }

    /// <summary>The data is gone for good; the version number stays taken.</summary>
    public bool Destroyed { get; init; }

    /// <summary>True when the version cannot be read at <paramref name="now"/>: destroyed, or its deletion time has passed.</summary>
    public bool IsGone(DateTimeOffset now) => Destroyed || DeletionTime <= now;
}
