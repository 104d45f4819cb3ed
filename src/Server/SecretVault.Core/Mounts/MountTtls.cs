namespace SecretVault.Core.Mounts;

/// <summary>A mount's default and maximum lease TTLs: its own tuning where set, else the server's.</summary>
public sealed record MountTtls(TimeSpan Default, TimeSpan Max)
{
    /// <summary>
    /// The TTLs that apply on <paramref name="mount"/> (the server's when there is no mount). A mount may be tuned
    /// above the server's maximum, as in Vault, but nothing it issues outlives the server's maximum, and its default
    /// never exceeds its maximum.
    /// </summary>
    public static MountTtls Of(MountEntry? mount, VaultOptions options)
    {
        var max = mount is { Config.MaxLeaseTtl: > 0 } ? Min(TimeSpan.FromSeconds(mount.Config.MaxLeaseTtl), options.MaxLeaseTtl) : options.MaxLeaseTtl;
        var @default = mount is { Config.DefaultLeaseTtl: > 0 } ? TimeSpan.FromSeconds(mount.Config.DefaultLeaseTtl) : options.DefaultLeaseTtl;
        return new MountTtls(Min(@default, max), max);
    }

    /// <summary><paramref name="requested"/>, or the default when zero, never above the maximum.</summary>
    public TimeSpan Clamp(TimeSpan requested)
    {
        var ttl = requested > TimeSpan.Zero ? requested : Default;
        return ttl > Max ? Max : ttl;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
