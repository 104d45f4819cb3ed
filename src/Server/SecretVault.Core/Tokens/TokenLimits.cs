namespace SecretVault.Core.Tokens;

/// <summary>
/// TTL arithmetic shared by token creation and logins: a TTL defaults to the mount's or system's
/// default and is capped by the mount's or system's max and the explicit max; periodic tokens get
/// their period instead.
/// </summary>
public static class TokenLimits
{
    /// <summary>The TTL and the renewal cap for a new token, and a warning when the requested TTL was capped.</summary>
    public static (TimeSpan Ttl, TimeSpan Max, string? Warning) Resolve(
        TimeSpan requested, TimeSpan requestedMax, TimeSpan explicitMax, TimeSpan period, TimeSpan defaultTtl, TimeSpan maxTtl)
    {
        var max = requestedMax > TimeSpan.Zero && requestedMax < maxTtl ? requestedMax : maxTtl;
        if (explicitMax > TimeSpan.Zero && explicitMax < max)
        {
            max = explicitMax;
        }

        if (period > TimeSpan.Zero)
        {
            var periodic = explicitMax > TimeSpan.Zero && explicitMax < period ? explicitMax : period;
            return (periodic, explicitMax, null);
        }

        var ttl = requested > TimeSpan.Zero ? requested : defaultTtl;
        if (ttl > max)
        {
            return (max, max, $"TTL of \"{Sdk.Time.Durations.Format(ttl)}\" exceeded the effective max_ttl of \"{Sdk.Time.Durations.Format(max)}\"; TTL value is capped accordingly");
        }

        return (ttl, max, null);
    }
}
