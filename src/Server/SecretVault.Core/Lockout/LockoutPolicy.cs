using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Lockout;

/// <summary>The user lockout rules in force on one auth mount.</summary>
public sealed record LockoutPolicy(int Threshold, TimeSpan Duration, TimeSpan CounterReset)
{
    /// <summary>Vault's defaults: 5 failures within 15 minutes lock the alias for 15 minutes.</summary>
    public static readonly LockoutPolicy Default = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

    /// <summary>
    /// The rules of <paramref name="mount"/> (its tune over the server file's stanza for its type, over <c>all</c>,
    /// over the defaults), or null when lockout is off there or its type has none.
    /// </summary>
    public static LockoutPolicy? Of(MountEntry mount, IReadOnlyDictionary<string, UserLockoutConfig> server)
    {
        if (mount.Kind != BackendKind.Auth || !UserLockoutConfig.AuthTypes.Contains(mount.Type))
        {
            return null;
        }

        var config = (mount.Config.UserLockout ?? new UserLockoutConfig())
            .Over(server.GetValueOrDefault(mount.Type))
            .Over(server.GetValueOrDefault(UserLockoutConfig.AllTypes));
        return config.Disable == true
            ? null
            : new LockoutPolicy(
                config.Threshold ?? Default.Threshold,
                config.Duration ?? Default.Duration,
                config.CounterReset ?? Default.CounterReset);
    }
}
