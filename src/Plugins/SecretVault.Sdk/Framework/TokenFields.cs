using System.Globalization;
using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// The common <c>token_*</c> fields every auth role accepts (Vault's tokenutil): their schema with the
/// deprecated aliases <c>policies</c>, <c>ttl</c>, <c>max_ttl</c>, <c>period</c> and <c>bound_cidrs</c>,
/// parsing into <see cref="TokenSettings"/>, the read shape, and the login result. Policy names follow
/// <see cref="PolicyNameRule"/>, CIDR blocks <see cref="BoundCidrs"/>.
/// </summary>
public static class TokenFields
{
    private static readonly string[] TokenTypes = ["default", "service", "batch", "default-service", "default-batch"];

    /// <summary>The schema of the token fields and their deprecated aliases.</summary>
    public static IReadOnlyDictionary<string, FieldSchema> Schema { get; } = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
    {
        ["token_ttl"] = new(FieldType.Duration, "The initial TTL of issued tokens; 0 uses the mount's default."),
        ["token_max_ttl"] = new(FieldType.Duration, "The maximum lifetime of issued tokens; 0 uses the mount's maximum."),
        ["token_policies"] = new(FieldType.CommaStringSlice, "Policies of issued tokens."),
        ["token_bound_cidrs"] = new(FieldType.CommaStringSlice, "CIDR blocks allowed to use issued tokens."),
        ["token_explicit_max_ttl"] = new(FieldType.Duration, "A hard cap on issued tokens' lifetime, kept over renewals."),
        ["token_no_default_policy"] = new(FieldType.Bool, "Do not add the 'default' policy to issued tokens."),
        ["token_num_uses"] = new(FieldType.Int, "How many times an issued token may be used; 0 for unlimited."),
        ["token_period"] = new(FieldType.Duration, "Makes issued tokens periodic with this period."),
        ["token_type"] = new(FieldType.String, "default, service, batch, default-service or default-batch."),
        ["policies"] = new(FieldType.CommaStringSlice, "Deprecated: use token_policies."),
        ["ttl"] = new(FieldType.Duration, "Deprecated: use token_ttl."),
        ["max_ttl"] = new(FieldType.Duration, "Deprecated: use token_max_ttl."),
        ["period"] = new(FieldType.Duration, "Deprecated: use token_period."),
        ["bound_cidrs"] = new(FieldType.CommaStringSlice, "Deprecated: use token_bound_cidrs."),
    };

    /// <summary><paramref name="own"/> plus <see cref="Schema"/>; a name defined twice is a programming error.</summary>
    public static IReadOnlyDictionary<string, FieldSchema> With(IReadOnlyDictionary<string, FieldSchema> own)
    {
        var merged = new Dictionary<string, FieldSchema>(own, StringComparer.Ordinal);
        foreach (var (name, schema) in Schema)
        {
            if (!merged.TryAdd(name, schema))
            {
                throw new InvalidOperationException($"The field \"{name}\" is already a token field.");
            }
        }

        return merged;
    }

    /// <summary>
    /// Applies the token fields present in <paramref name="data"/> to <paramref name="existing"/> (or to the
    /// defaults on create); absent fields keep their value. A token_* field wins over its deprecated alias.
    /// Throws a 400 <see cref="LogicalException"/> naming the field on a bad value or a <c>root</c> policy.
    /// </summary>
    public static TokenSettings Parse(FieldData data, TokenSettings? existing)
    {
        var s = existing ?? new TokenSettings();
        var (policies, policiesAlias) = Pick(data, "token_policies", "policies", s.TokenPolicies, s.PoliciesAliasSet, f => CanonicalPolicies(f, data.GetStrings(f)));
        var (cidrs, cidrsAlias) = Pick(data, "token_bound_cidrs", "bound_cidrs", s.TokenBoundCidrs, s.BoundCidrsAliasSet, f => BoundCidrs.Parse(f, data.GetStrings(f)));
        var (ttl, ttlAlias) = Pick(data, "token_ttl", "ttl", s.TokenTtl, s.TtlAliasSet, f => NonNegative(data, f));
        var (maxTtl, maxTtlAlias) = Pick(data, "token_max_ttl", "max_ttl", s.TokenMaxTtl, s.MaxTtlAliasSet, f => NonNegative(data, f));
        var (period, periodAlias) = Pick(data, "token_period", "period", s.TokenPeriod, s.PeriodAliasSet, f => NonNegative(data, f));
        s = s with
        {
            TokenPolicies = policies,
            PoliciesAliasSet = policiesAlias,
            TokenBoundCidrs = cidrs,
            BoundCidrsAliasSet = cidrsAlias,
            TokenTtl = ttl,
            TtlAliasSet = ttlAlias,
            TokenMaxTtl = maxTtl,
            MaxTtlAliasSet = maxTtlAlias,
            TokenPeriod = period,
            PeriodAliasSet = periodAlias,
            TokenExplicitMaxTtl = data.Has("token_explicit_max_ttl") ? NonNegative(data, "token_explicit_max_ttl") : s.TokenExplicitMaxTtl,
            TokenNoDefaultPolicy = data.Has("token_no_default_policy") ? data.GetBool("token_no_default_policy") : s.TokenNoDefaultPolicy,
            TokenNumUses = data.Has("token_num_uses") ? NumUses(data.GetInt("token_num_uses")) : s.TokenNumUses,
            TokenType = data.Has("token_type") ? ParseTokenType(data.GetString("token_type")) : s.TokenType,
        };
        Validate(s);
        return s;
    }

    /// <summary>Checks the rules that span fields (ttl within max_ttl; batch tokens neither periodic nor use-limited).</summary>
    public static void Validate(TokenSettings settings)
    {
        if (settings.TokenTtl > TimeSpan.Zero && settings.TokenMaxTtl > TimeSpan.Zero && settings.TokenTtl > settings.TokenMaxTtl)
        {
            throw LogicalException.BadRequest("\"token_ttl\" cannot be greater than \"token_max_ttl\"");
        }

        if (settings.TokenType is "batch" or "default-batch" && (settings.TokenPeriod != TimeSpan.Zero || settings.TokenNumUses != 0))
        {
            throw LogicalException.BadRequest("\"token_type\" cannot be batch or default-batch for periodic or use-limited tokens");
        }
    }

    /// <summary>
    /// Policy names as stored: trimmed, lower-case (as the policy store keys them), empty entries and
    /// duplicates dropped. Refuses control or format characters and <c>root</c> in any variant (400).
    /// </summary>
    public static IReadOnlyList<string> CanonicalPolicies(string field, IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = PolicyNameRule.Normalize(raw);
            if (name.Length == 0 || result.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (name.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format))
            {
                throw LogicalException.BadRequest($"invalid value for field \"{field}\": policy names must not contain control or format characters");
            }

            if (PolicyNameRule.IsRoot(name))
            {
                throw LogicalException.BadRequest($"invalid value for field \"{field}\": the \"root\" policy cannot be attached by an auth method");
            }

            result.Add(name);
        }

        return result;
    }

    /// <summary>The read shape: every token_* field (durations in seconds), plus each deprecated alias that was set.</summary>
    public static Dictionary<string, object?> ToResponseData(TokenSettings settings)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["token_bound_cidrs"] = settings.TokenBoundCidrs.ToArray(),
            ["token_explicit_max_ttl"] = Seconds(settings.TokenExplicitMaxTtl),
            ["token_max_ttl"] = Seconds(settings.TokenMaxTtl),
            ["token_no_default_policy"] = settings.TokenNoDefaultPolicy,
            ["token_num_uses"] = settings.TokenNumUses,
            ["token_period"] = Seconds(settings.TokenPeriod),
            ["token_policies"] = settings.TokenPolicies.ToArray(),
            ["token_ttl"] = Seconds(settings.TokenTtl),
            ["token_type"] = settings.TokenType.Length == 0 ? "default" : settings.TokenType,
        };

        // As Vault, a deprecated alias is echoed only while it was the way the value was last set.
        if (settings.PoliciesAliasSet && settings.TokenPolicies.Count > 0)
        {
            data["policies"] = settings.TokenPolicies.ToArray();
        }

        if (settings.BoundCidrsAliasSet && settings.TokenBoundCidrs.Count > 0)
        {
            data["bound_cidrs"] = settings.TokenBoundCidrs.ToArray();
        }

        if (settings.TtlAliasSet && settings.TokenTtl > TimeSpan.Zero)
        {
            data["ttl"] = Seconds(settings.TokenTtl);
        }

        if (settings.MaxTtlAliasSet && settings.TokenMaxTtl > TimeSpan.Zero)
        {
            data["max_ttl"] = Seconds(settings.TokenMaxTtl);
        }

        if (settings.PeriodAliasSet && settings.TokenPeriod > TimeSpan.Zero)
        {
            data["period"] = Seconds(settings.TokenPeriod);
        }

        return data;
    }

    /// <summary>
    /// The login result for a principal with <paramref name="settings"/>. Refuses (403) settings that carry a
    /// root policy, in case an entry was written around <see cref="Parse"/>.
    /// </summary>
    public static AuthResult ToAuthResult(TokenSettings settings, string aliasName, IReadOnlyDictionary<string, string> metadata, string displayName = "")
    {
        if (settings.TokenPolicies.Any(PolicyNameRule.IsRoot))
        {
            throw LogicalException.PermissionDenied();
        }

        return new AuthResult
        {
            Policies = settings.TokenPolicies,
            Metadata = metadata,
            DisplayName = displayName,
            AliasName = aliasName,
            Ttl = settings.TokenTtl,
            MaxTtl = settings.TokenMaxTtl,
            ExplicitMaxTtl = settings.TokenExplicitMaxTtl,
            Period = settings.TokenPeriod,
            NumUses = settings.TokenNumUses,
            Renewable = true,
            NoDefaultPolicy = settings.TokenNoDefaultPolicy,
            BoundCidrs = settings.TokenBoundCidrs,
            TokenType = settings.TokenType.Length == 0 ? "default" : settings.TokenType,
        };
    }

    private static (T Value, bool Alias) Pick<T>(FieldData data, string name, string alias, T current, bool currentAlias, Func<string, T> read)
    {
        if (data.Has(name))
        {
            return (read(name), data.Has(alias));
        }

        return data.Has(alias) ? (read(alias), true) : (current, currentAlias);
    }

    private static TimeSpan NonNegative(FieldData data, string field)
    {
        var value = data.GetDuration(field);
        return value < TimeSpan.Zero ? throw LogicalException.BadRequest($"\"{field}\" cannot be negative") : value;
    }

    private static int NumUses(long value) => value switch
    {
        < 0 => throw LogicalException.BadRequest("\"token_num_uses\" cannot be negative"),
        > int.MaxValue => throw LogicalException.BadRequest("invalid value for field \"token_num_uses\": out of range"),
        _ => (int)value,
    };

    private static string ParseTokenType(string value)
    {
        var type = value.Trim();
        if (type.Length == 0)
        {
            return "default";
        }

        return TokenTypes.Contains(type, StringComparer.Ordinal)
            ? type
            : throw LogicalException.BadRequest("invalid value for field \"token_type\": expected default, service, batch, default-service or default-batch");
    }

    private static long Seconds(TimeSpan value) => (long)value.TotalSeconds;
}
