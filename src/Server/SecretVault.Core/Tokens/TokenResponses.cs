using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tokens;

/// <summary>Vault's shapes of a token: the <c>auth</c> block of create/renew/login, and the lookup data.</summary>
public static class TokenResponses
{
    public static IssuedAuth Auth(string clientToken, TokenEntry entry, DateTimeOffset now) => new()
    {
        ClientToken = clientToken,
        Accessor = entry.Accessor,
        Policies = [.. entry.Policies.Order(StringComparer.Ordinal)],
        TokenPolicies = [.. entry.Policies.Order(StringComparer.Ordinal)],
        Metadata = entry.Meta,
        LeaseDuration = Remaining(entry, now),
        Renewable = entry.Renewable,
        TokenType = entry.Type,
        Orphan = entry.Orphan,
        NumUses = Math.Max(0, entry.NumUses),
    };

    public static Dictionary<string, object?> Lookup(TokenEntry entry, string id, DateTimeOffset now)
    {
        var data = new Dictionary<string, object?>
        {
            ["accessor"] = entry.Accessor,
            ["creation_time"] = entry.CreationTime,
            ["creation_ttl"] = entry.Ttl,
            ["display_name"] = entry.DisplayName,
            ["entity_id"] = "",
            ["expire_time"] = entry.ExpireTime > 0 ? Rfc3339(entry.ExpireTime) : null,
            ["explicit_max_ttl"] = entry.ExplicitMaxTtl,
            ["id"] = id,
            ["issue_time"] = Rfc3339(entry.CreationTime),
            ["meta"] = entry.Meta,
            ["num_uses"] = Math.Max(0, entry.NumUses),
            ["orphan"] = entry.Orphan,
            ["path"] = entry.Path,
            ["policies"] = entry.Policies.Order(StringComparer.Ordinal).ToArray(),
            ["renewable"] = entry.Renewable,
            ["ttl"] = Remaining(entry, now),
            ["type"] = entry.Type,
        };
        if (entry.LastRenewalTime > 0)
        {
            data["last_renewal_time"] = entry.LastRenewalTime;
            data["last_renewal"] = Rfc3339(entry.LastRenewalTime);
        }

        if (entry.Period > 0)
        {
            data["period"] = entry.Period;
        }

        if (entry.Role is not null)
        {
            data["role"] = entry.Role;
        }

        if (entry.BoundCidrs.Count > 0)
        {
            data["bound_cidrs"] = entry.BoundCidrs;
        }

        return data;
    }

    private static long Remaining(TokenEntry entry, DateTimeOffset now) =>
        entry.ExpireTime == 0 ? 0 : Math.Max(0, entry.ExpireTime - now.ToUnixTimeSeconds());

    private static string Rfc3339(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", global::System.Globalization.CultureInfo.InvariantCulture);
}
