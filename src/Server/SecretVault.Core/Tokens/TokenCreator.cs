using System.Text.RegularExpressions;
using SecretVault.Core.Mounts;
using SecretVault.Core.Policies;
using SecretVault.Core.Routing;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tokens;

/// <summary>
/// <c>auth/token/create</c>, <c>create-orphan</c> and <c>create/:role</c>: Vault's rules for who may
/// create which token (policy subset, root only from root, orphans and periodic tokens only for root or
/// sudo callers, roles' allowed and disallowed policies).
/// </summary>
public sealed partial class TokenCreator
{
    private const string CreatePath = "auth/token/create";

    private readonly TokenStore _tokens;
    private readonly ISudoChecker _sudo;
    private readonly VaultOptions _options;
    private readonly Router _router;
    private readonly TimeProvider _time;

    public TokenCreator(TokenStore tokens, ISudoChecker sudo, VaultOptions options, Router router, TimeProvider time)
    {
        _tokens = tokens;
        _sudo = sudo;
        _options = options;
        _router = router;
        _time = time;
    }

    public static IReadOnlyDictionary<string, FieldSchema> Fields { get; } = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
    {
        ["id"] = new(FieldType.String),
        ["role_name"] = new(FieldType.String),
        ["policies"] = new(FieldType.CommaStringSlice),
        ["meta"] = new(FieldType.StringMap),
        ["no_parent"] = new(FieldType.Bool),
        ["no_default_policy"] = new(FieldType.Bool),
        ["renewable"] = new(FieldType.Bool) { Default = true },
        ["ttl"] = new(FieldType.Duration),
        ["lease"] = new(FieldType.Duration),
        ["type"] = new(FieldType.String),
        ["explicit_max_ttl"] = new(FieldType.Duration),
        ["display_name"] = new(FieldType.String),
        ["num_uses"] = new(FieldType.Int),
        ["period"] = new(FieldType.Duration),
        ["entity_alias"] = new(FieldType.String),
    };

    public async Task<LogicalResponse> CreateAsync(LogicalRequest request, FieldData data, bool orphanPath, CancellationToken ct)
    {
        var caller = await _tokens.LookupAsync(request.ClientToken, ct).ConfigureAwait(false) ?? throw LogicalException.PermissionDenied();
        if (caller.IsBatch)
        {
            throw LogicalException.BadRequest("batch tokens cannot create more tokens");
        }

        if (caller.NumUses > 0)
        {
            throw LogicalException.BadRequest("tokens with limited use count cannot create child tokens");
        }

        var roleName = data.GetString("role_name");
        var role = roleName.Length == 0 ? null : await _tokens.Roles.GetAsync(roleName, ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("unknown role " + roleName);
        var sudo = caller.IsRoot || await _sudo.HasSudoAsync(CreatePath, request.ClientToken, ct).ConfigureAwait(false);
        var response = new LogicalResponse();

        var id = data.GetString("id");
        if (id.Length > 0 && !caller.IsRoot)
        {
            throw LogicalException.BadRequest("root or sudo privileges required to specify token id");
        }

        if (id.Length > 0 && (id.Contains('.', StringComparison.Ordinal) || id.StartsWith("s.", StringComparison.Ordinal)))
        {
            throw LogicalException.BadRequest("custom token ids cannot contain '.' or start with a token prefix");
        }

        var orphan = orphanPath || role?.Orphan == true || data.GetBool("no_parent");
        if (orphan && role?.Orphan != true && !sudo)
        {
            throw LogicalException.BadRequest("root or sudo privileges required to create orphan token");
        }

        var requested = data.Has("policies") ? data.GetStrings("policies").Select(PolicyNames.Normalize).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList() : null;
        if ((requested ?? []).Any(PolicyNames.IsRoot) && !caller.IsRoot)
        {
            throw LogicalException.BadRequest("root tokens may not be created by a non-root token");
        }

        var policies = requested ?? [.. caller.Policies.Where(p => role is null || p != PolicyNames.Root)];
        if (role is not null)
        {
            CheckRolePolicies(role, policies);
        }
        else if (!sudo && policies.Except([PolicyNames.Default]).Except(caller.Policies).Any())
        {
            throw LogicalException.BadRequest("child policies must be subset of parent");
        }

        if (!data.GetBool("no_default_policy") && role?.TokenNoDefaultPolicy != true && !policies.Contains(PolicyNames.Root) && !policies.Contains(PolicyNames.Default))
        {
            policies.Add(PolicyNames.Default);
        }

        var period = role?.TokenPeriod > 0 ? TimeSpan.FromSeconds(role.TokenPeriod) : data.GetDuration("period");
        if (data.Has("period") && !sudo)
        {
            throw LogicalException.BadRequest("root or sudo privileges required to create periodic token");
        }

        var numUses = data.Has("num_uses") ? data.GetInt("num_uses") : role?.TokenNumUses ?? 0;
        if (numUses < 0)
        {
            throw LogicalException.BadRequest("number of uses cannot be negative");
        }

        var type = data.GetString("type") is { Length: > 0 } t ? t : role?.TokenType is "batch" or "default-batch" ? "batch" : "service";
        if (type is not ("service" or "batch"))
        {
            throw LogicalException.BadRequest($"unsupported token type \"{type}\"");
        }

        var explicitMax = data.Has("explicit_max_ttl") ? data.GetDuration("explicit_max_ttl") : TimeSpan.FromSeconds(role?.TokenExplicitMaxTtl ?? 0);
        var ttlParam = data.Has("ttl") ? data.GetDuration("ttl") : data.GetDuration("lease");
        if (ttlParam < TimeSpan.Zero || explicitMax < TimeSpan.Zero || period < TimeSpan.Zero)
        {
            throw LogicalException.BadRequest("ttl, explicit_max_ttl and period cannot be negative");
        }

        // A root-policy token without any TTL setting never expires, as in Vault.
        var neverExpires = policies.Contains(PolicyNames.Root) && ttlParam == TimeSpan.Zero && explicitMax == TimeSpan.Zero && period == TimeSpan.Zero;
        // The auth/token/ mount's tuning bounds the tokens it creates, as any auth mount's does its logins.
        var mountTtls = MountTtls.Of(_router.Route(CreatePath)?.Mount, _options);
        var (ttl, max, warning) = neverExpires
            ? (TimeSpan.Zero, TimeSpan.Zero, null)
            : TokenLimits.Resolve(ttlParam, TimeSpan.Zero, explicitMax, period, mountTtls.Default, mountTtls.Max);
        if (warning is not null)
        {
            response.Warnings.Add(warning);
        }

        var displayName = data.GetString("display_name");
        var (token, entry) = await _tokens.CreateAsync(new TokenCreateRequest
        {
            Id = id.Length > 0 ? id : null,
            Policies = [.. policies.Order(StringComparer.Ordinal)],
            Meta = data.Has("meta") ? data.GetStringMap("meta") : null,
            Path = role is null ? (orphanPath ? "auth/token/create-orphan" : CreatePath) : $"{CreatePath}/{role.Name}{(role.PathSuffix.Length > 0 ? "/" + role.PathSuffix : "")}",
            DisplayName = displayName.Length == 0 ? "token" : "token-" + DisplayNameCleaner().Replace(displayName, "-"),
            ParentHash = orphan ? null : caller.Hash,
            Ttl = ttl,
            MaxTtl = max,
            ExplicitMaxTtl = explicitMax,
            Period = period,
            NumUses = numUses,
            Renewable = data.GetBool("renewable") && role?.Renewable != false,
            Type = type,
            Role = role?.Name,
            BoundCidrs = role?.TokenBoundCidrs ?? [],
        }, ct).ConfigureAwait(false);
        response.IssuedAuth = TokenResponses.Auth(token, entry, _time.GetUtcNow());
        return response;
    }

    private static void CheckRolePolicies(TokenRoleEntry role, List<string> policies)
    {
        var disallowed = policies.Where(p => role.DisallowedPolicies.Contains(p) || role.DisallowedPoliciesGlob.Any(g => Glob(g, p))).ToList();
        if (disallowed.Count > 0)
        {
            throw LogicalException.BadRequest($"token policies ({string.Join(", ", disallowed)}) are disallowed by the role");
        }

        if (role.AllowedPolicies.Count == 0 && role.AllowedPoliciesGlob.Count == 0)
        {
            return;
        }

        var outside = policies.Where(p => p != PolicyNames.Default && !role.AllowedPolicies.Contains(p) && !role.AllowedPoliciesGlob.Any(g => Glob(g, p))).ToList();
        if (outside.Count > 0)
        {
            throw LogicalException.BadRequest($"token policies ({string.Join(", ", outside)}) must be subset of the role's allowed policies");
        }
    }

    private static bool Glob(string pattern, string value) =>
        pattern.EndsWith('*') ? value.StartsWith(pattern[..^1], StringComparison.Ordinal) : pattern == value;

    [GeneratedRegex("[^a-zA-Z0-9-]")]
    private static partial Regex DisplayNameCleaner();
}
