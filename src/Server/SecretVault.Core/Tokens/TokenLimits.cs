namespace SecretVault.Core.Tokens;

/// <summary>
/// TTL arithmetic shared by token creation and logins: a TTL defaults to the mount's or system's
/// default and is capped by the mount's or system's max and the explicit max; periodic tokens get
/// their period instead, itself capped by the max (as Vault's CalculateTTL).
/// </summary>
public static class TokenLimits
{
    /// <summary>
    /// The TTL, the renewal cap and the (capped) period for a new token, and a warning when the requested
    /// TTL or period was capped.
    /// </summary>
    public static (TimeSpan Ttl, TimeSpan Max, TimeSpan Period, string? Warning) Resolve(
        TimeSpan requested, TimeSpan requestedMax, TimeSpan explicitMax, TimeSpan period, TimeSpan defaultTtl, TimeSpan maxTtl)
    {
        var max = Stricter(Stricter(maxTtl, requestedMax), explicitMax);
        if (period > TimeSpan.Zero)
        {
            return period > max
                ? (max, explicitMax, max, $"period of \"{Sdk.Time.Durations.Format(period)}\" exceeded the effective max_ttl of \"{Sdk.Time.Durations.Format(max)}\"; period value is capped accordingly")
                : (period, explicitMax, period, null);
        }

        var ttl = requested > TimeSpan.Zero ? requested : defaultTtl;
        if (ttl > max)
        {
            return (max, max, TimeSpan.Zero, $"TTL of \"{Sdk.Time.Durations.Format(ttl)}\" exceeded the effective max_ttl of \"{Sdk.Time.Durations.Format(max)}\"; TTL value is capped accordingly");
        }

        return (ttl, max, TimeSpan.Zero, null);
    }

    /// <summary>The stricter of two limits where zero means "none": the smaller positive one.</summary>
    public static TimeSpan Stricter(TimeSpan a, TimeSpan b) =>
        a <= TimeSpan.Zero ? b : b <= TimeSpan.Zero ? a : a < b ? a : b;

    /// <summary>The stricter of two use counts where zero means "unlimited": the smaller positive one.</summary>
    public static long Stricter(long a, long b) =>
        a <= 0 ? b : b <= 0 ? a : Math.Min(a, b);
}
