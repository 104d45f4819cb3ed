namespace SecretVault.Plugins.Kv.V2;

/// <summary>The mount-wide settings at <c>config</c>; its presence with <see cref="Layout"/> 2 also marks the data as versioned.</summary>
public sealed record KvConfigEntry
{
    /// <summary>The layout this entry belongs to: 2 once the data is versioned; 0 while a v1 upgrade runs.</summary>
    public int Layout { get; init; }

    /// <summary>Set while data written by KV v1 is being converted.</summary>
    public bool Upgrading { get; init; }

    /// <summary>0 means the default of 10.</summary>
    public long MaxVersions { get; init; }

    public bool CasRequired { get; init; }

    /// <summary>Whole seconds; 0 means never; <see cref="DeleteVersionAfterDisabled"/> turns every key's own setting off too.</summary>
    public long DeleteVersionAfterSeconds { get; init; }

    /// <summary>Vault's "disabled" delete_version_after (-1s), which any negative value written to config becomes.</summary>
    public const long DeleteVersionAfterDisabled = -1;

    /// <summary>The versions kept when neither the key nor the mount sets a number, as in Vault.</summary>
    public const long DefaultMaxVersions = 10;
}
