using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// Vault's rules for a mount's own default and maximum lease TTLs. A maximum above the server's is accepted, as in
/// Vault: it is only a ceiling, and <see cref="MountTtls"/> still caps every issued lease at the server's maximum.
/// </summary>
public static class MountTtlRules
{
    /// <summary><paramref name="config"/> of a mount being enabled, when its TTLs are consistent.</summary>
    public static MountConfigEntry CheckEnable(MountConfigEntry config, TimeSpan systemMax)
    {
        if (config.MaxLeaseTtl != 0 && config.DefaultLeaseTtl > config.MaxLeaseTtl)
        {
            throw LogicalException.BadRequest("given default lease TTL greater than given max lease TTL");
        }

        if (config.MaxLeaseTtl == 0 && config.DefaultLeaseTtl > systemMax.TotalSeconds)
        {
            throw LogicalException.BadRequest($"given default lease TTL greater than system max lease TTL of {(long)systemMax.TotalSeconds}");
        }

        return config;
    }

    /// <summary><paramref name="tuned"/>, when the TTLs it changes from <paramref name="current"/> are consistent.</summary>
    public static MountConfigEntry CheckTune(MountConfigEntry current, MountConfigEntry tuned)
    {
        var changed = tuned.DefaultLeaseTtl != current.DefaultLeaseTtl || tuned.MaxLeaseTtl != current.MaxLeaseTtl;
        if (changed && tuned is { DefaultLeaseTtl: > 0, MaxLeaseTtl: > 0 } && tuned.MaxLeaseTtl < tuned.DefaultLeaseTtl)
        {
            throw LogicalException.BadRequest($"backend max lease TTL of {tuned.MaxLeaseTtl} would be less than backend default lease TTL of {tuned.DefaultLeaseTtl}");
        }

        return tuned;
    }
}
