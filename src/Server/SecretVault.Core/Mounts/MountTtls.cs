namespace SecretVault.Core.Mounts;

/// <summary>A mount's default and maximum lease TTLs: its own tuning where set, else the server's.</summary>
public sealed record MountTtls(TimeSpan Default, TimeSpan Max)
{
    /// <summary>The TTLs that apply on <paramref name="mount"/> (the server's when there is no mount).</summary>
    public static MountTtls Of(MountEntry? mount, VaultOptions options) => new(
        mount is { Config.DefaultLeaseTtl: > 0 } ? TimeSpan.FromSeconds(mount.Config.DefaultLeaseTtl) : options.DefaultLeaseTtl,
        mount is { Config.MaxLeaseTtl: > 0 } ? TimeSpan.FromSeconds(mount.Config.MaxLeaseTtl) : options.MaxLeaseTtl);

    /// <summary><paramref name="requested"/>, or the default when zero, never above the maximum.</summary>
    public TimeSpan Clamp(TimeSpan requested)
    {
        var ttl = requested > TimeSpan.Zero ? requested : Default;
        return ttl > Max ? Max : ttl;
    }
}
