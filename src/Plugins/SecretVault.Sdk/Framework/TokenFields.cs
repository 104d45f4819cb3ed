using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// The common <c>token_*</c> fields every auth role accepts (Vault's tokenutil): their schema with the
/// deprecated aliases <c>policies</c>, <c>ttl</c>, <c>max_ttl</c>, <c>period</c> and <c>bound_cidrs</c>,
/// parsing into <see cref="TokenSettings"/>, the read shape, and the login result. Also the policy-name
/// and CIDR rules the auth methods share.
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
        var (cidrs, cidrsAlias) = Pick(data, "token_bound_cidrs", "bound_cidrs", s.TokenBoundCidrs, s.BoundCidrsAliasSet, f => ParseCidrs(f, data.GetStrings(f)));
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
            var name = raw.Trim().ToLowerInvariant();
            if (name.Length == 0 || result.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (name.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format))
            {
                throw LogicalException.BadRequest($"invalid value for field \"{field}\": policy names must not contain control or format characters");
            }

            if (IsRootPolicy(name))
            {
                throw LogicalException.BadRequest($"invalid value for field \"{field}\": the \"root\" policy cannot be attached by an auth method");
            }

            result.Add(name);
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="name"/> is <c>root</c> under any case, surrounding space or Unicode
    /// compatibility variant (fullwidth, mathematical, circled, super/subscript letters...), so that no
    /// canonicalisation elsewhere can turn an attached name into root (CVE-2024-9180, CVE-2025-5999).
    /// </summary>
    public static bool IsRootPolicy(string name) => string.Equals(CompatibilityFold(name), "root", StringComparison.Ordinal);

    /// <summary>Parses CIDR blocks (or single addresses) into their canonical text; 400 naming <paramref name="field"/> on a bad one.</summary>
    public static IReadOnlyList<string> ParseCidrs(string field, IEnumerable<string> values)
    {
        var result = new List<string>();
        foreach (var value in values)
        {
            if (!TryParseCidr(value.Trim(), out var network, out var prefix))
            {
                throw LogicalException.BadRequest($"invalid value for field \"{field}\": expected IP addresses or CIDR blocks");
            }

            var full = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var canonical = prefix == full ? network.ToString() : $"{network}/{prefix.ToString(CultureInfo.InvariantCulture)}";
            if (!result.Contains(canonical, StringComparer.Ordinal))
            {
                result.Add(canonical);
            }
        }

        return result;
    }

    /// <summary>True when <paramref name="cidrs"/> is empty or contains <paramref name="remoteAddress"/>; an unknown address fails closed.</summary>
    public static bool CidrsAllow(IReadOnlyList<string> cidrs, string? remoteAddress)
    {
        if (cidrs.Count == 0)
        {
            return true;
        }

        if (remoteAddress is null || !TryParseRemote(remoteAddress, out var address))
        {
            return false;
        }

        return cidrs.Any(c => TryParseCidr(c, out var network, out var prefix) && Contains(network, prefix, address));
    }

    /// <summary>True when every block of <paramref name="inner"/> lies inside a block of <paramref name="outer"/> (or <paramref name="outer"/> is empty).</summary>
    public static bool CidrsCover(IReadOnlyList<string> outer, IReadOnlyList<string> inner)
    {
        if (outer.Count == 0)
        {
            return true;
        }

        return inner.All(i => TryParseCidr(i, out var innerNetwork, out var innerPrefix)
            && outer.Any(o => TryParseCidr(o, out var network, out var prefix) && prefix <= innerPrefix && Contains(network, prefix, innerNetwork)));
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
        if (settings.TokenPolicies.Any(IsRootPolicy))
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

    private static bool TryParseCidr(string text, out IPAddress network, out int prefix)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        prefix = 0;
        if (!TryParseAddress(slash < 0 ? text : text[..slash], out network))
        {
            return false;
        }

        var full = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        prefix = full;
        return slash < 0
            || (int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= full);
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId == 0;
        }

        // IPAddress.TryParse takes "10" and "10.1" as IPv4; a CIDR block is written as four dotted decimals.
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)) && IPAddress.TryParse(text, out address!);
    }

    private static bool TryParseRemote(string text, out IPAddress address)
    {
        if (!IPAddress.TryParse(text, out address!))
        {
            if (!IPEndPoint.TryParse(text, out var endpoint))
            {
                return false;
            }

            address = endpoint.Address;
        }

        // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d; match them against IPv4 blocks.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return true;
    }

    private static bool Contains(IPAddress network, int prefix, IPAddress address)
    {
        if (network.AddressFamily != address.AddressFamily)
        {
            return false;
        }

        var a = network.GetAddressBytes();
        var b = address.GetAddressBytes();
        var whole = prefix / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(b.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = prefix % 8;
        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (a[whole] & mask) == (b[whole] & mask);
    }

    // NFKC when the runtime has the Unicode tables; the server runs with InvariantGlobalization, where
    // string.Normalize changes nothing, so the compatibility characters that NFKC maps onto ASCII letters
    // are folded here as well. Then trim and lower-case, as the policy store does.
    private static string CompatibilityFold(string name)
    {
        var text = name;
        try
        {
            text = name.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates: fold the text as it is.
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var folded = FoldRune(rune.Value);
            if (folded is { } ascii)
            {
                builder.Append(ascii);
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString().Trim().ToLowerInvariant();
    }

    private static char? FoldRune(int cp) => cp switch
    {
        0x3000 => ' ',
        >= 0xFF01 and <= 0xFF5E => (char)(cp - 0xFEE0),
        >= 0x1D400 and <= 0x1D6A3 => Letter((cp - 0x1D400) % 52),
        >= 0x1D7CE and <= 0x1D7FF => (char)('0' + ((cp - 0x1D7CE) % 10)),
        >= 0x24B6 and <= 0x24E9 => Letter(cp - 0x24B6),
        >= 0x1F130 and <= 0x1F149 => (char)('A' + (cp - 0x1F130)),
        >= 0x2080 and <= 0x2089 => (char)('0' + (cp - 0x2080)),
        _ => CompatibilityLetters.TryGetValue(cp, out var letter) ? letter : null,
    };

    private static char Letter(int index) => index < 26 ? (char)('A' + index) : (char)('a' + index - 26);

    // Single compatibility characters whose NFKC form is one ASCII letter or digit: super- and subscript
    // letters, modifier letters, letterlike symbols. Pairs of (character, ASCII).
    private static readonly Dictionary<int, char> CompatibilityLetters = BuildPairs(
        "ªaºo¹1²2³3ʰhʲjʳrʷwʸyˡlˢsˣxᴬAᴮBᴰDᴱEᴳGᴴHᴵIᴶJᴷKᴸLᴹMᴺNᴼOᴾPᴿRᵀTᵁUᵂWᵃaᵇbᵈdᵉeᵍgᵏkᵐmᵒoᵖpᵗtᵘuᵛvᵢiᵣrᵤuᵥvᶜcᶠfᶻz"
        + "⁰0ⁱi⁴4⁵5⁶6⁷7⁸8⁹9ⁿnₐaₑeₒoₓxₕhₖkₗlₘmₙnₚpₛsₜt"
        + "ℂCℊgℋHℌHℍHℎhℐIℑIℒLℓlℕNℙPℚQℛRℜRℝRℤZKKℬBℭCℯeℰEℱFℳMℴoℹiⅅDⅆdⅇeⅈiⅉj");

    private static Dictionary<int, char> BuildPairs(string pairs)
    {
        var map = new Dictionary<int, char>();
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            map[pairs[i]] = pairs[i + 1];
        }

        return map;
    }
}
