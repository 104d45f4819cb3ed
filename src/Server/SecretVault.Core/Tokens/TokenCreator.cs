using System.Text.RegularExpressions;
using SecretVault.Core.Mounts;
using SecretVault.Core.Policies;
using SecretVault.Core.Routing;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tokens;

/// <summary>
/// <c>auth/token/create</c>, <c>create-orphan</c> and <c>create/:role</c>: Vault's rules for who may
/// create which token (the policies by <see cref="TokenPolicyResolver"/>, root only from root, orphans and
/// periodic tokens only for root or sudo callers or through a role).
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

    /// <summary>The fields of <c>auth/token/create</c> and <c>create-orphan</c>: no <c>role_name</c>, so a body cannot pick a role.</summary>
    public static IReadOnlyDictionary<string, FieldSchema> Fields { get; } = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
    {
        ["id"] = new(FieldType.String),
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

    /// <summary>The fields of <c>auth/token/create/:role_name</c>, whose role comes from the path (and its ACL) alone.</summary>
    public static IReadOnlyDictionary<string, FieldSchema> RoleFields { get; } = new Dictionary<string, FieldSchema>(Fields, StringComparer.Ordinal)
    {
        ["role_name"] = new(FieldType.String),
    };

    /// <param name="roleName">The role named by the path <c>create/:role_name</c>; null on <c>create</c> and <c>create-orphan</c>.</param>
    public async Task<LogicalResponse> CreateAsync(LogicalRequest request, FieldData data, bool orphanPath, string? roleName, CancellationToken ct)
    {
        var caller = await _tokens.LookupAsync(request.ClientToken, ct).ConfigureAwait(false) ?? throw LogicalException.PermissionDenied();
        if (caller.IsBatch)
        {
            throw LogicalException.BadRequest("batch tokens cannot create more tokens");
        }

        // A token on its last use (LastUse) is limited too: it must not mint an orphan that outlives its revocation.
        if (caller.NumUses != 0)
        {
            throw LogicalException.BadRequest("tokens with limited use count cannot create child tokens");
        }

        var role = roleName is null ? null : await _tokens.Roles.GetAsync(roleName, ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("unknown role " + roleName);

        // Sudo on the path called, as in Vault: the ACL on create/<role> governs what a role's caller may do.
        var sudo = caller.IsRoot || await _sudo.HasSudoAsync(request.MountPoint + request.Path, request.ClientToken, ct).ConfigureAwait(false);
        List<string> warnings = [];

        var id = data.GetString("id");
        if (id.Length > 0 && !caller.IsRoot)
        {
            throw LogicalException.BadRequest("root or sudo privileges required to specify token id");
        }

        if (id.Length > 0 && (id.Contains('.', StringComparison.Ordinal) || id.StartsWith("s.", StringComparison.Ordinal)))
        {
            throw LogicalException.BadRequest("custom token ids cannot contain '.' or start with a token prefix");
        }

        // A role alone decides whether its tokens are orphans (no_parent is ignored there, as in Vault).
        var orphan = role?.Orphan ?? (orphanPath || data.GetBool("no_parent"));
        if (role is null && !orphanPath && orphan && !sudo)
        {
            throw LogicalException.BadRequest("root or sudo privileges required to create orphan token");
        }

        var requested = data.Has("policies") ? data.GetStrings("policies") : [];
        RefuseRootUnlessRoot(requested, caller);
        var policies = TokenPolicyResolver.Resolve(requested, caller, role, sudo, data.GetBool("no_default_policy"));
        RefuseRootUnlessRoot(policies, caller);

        // A role's service or batch is forced; its default-* only fills in for a type not asked for.
        var asked = data.GetString("type");
        var type = role?.TokenType switch
        {
            "service" or "batch" => role.TokenType,
            "default-batch" when asked.Length == 0 => "batch",
            _ => asked.Length > 0 ? asked : "service",
        };
        if (type is not ("service" or "batch"))
        {
            throw LogicalException.BadRequest($"unsupported token type \"{type}\"");
        }

        var askedPeriod = data.GetDuration("period");
        var askedExplicitMax = data.GetDuration("explicit_max_ttl");
        var ttlParam = data.Has("ttl") ? data.GetDuration("ttl") : data.GetDuration("lease");
        var askedNumUses = data.GetInt("num_uses");
        if (ttlParam < TimeSpan.Zero || askedExplicitMax < TimeSpan.Zero || askedPeriod < TimeSpan.Zero)
        {
            throw LogicalException.BadRequest("ttl, explicit_max_ttl and period cannot be negative");
        }

        if (askedNumUses < 0)
        {
            throw LogicalException.BadRequest("number of uses cannot be negative");
        }

        if (askedPeriod > TimeSpan.Zero && !sudo)
        {
            throw LogicalException.BadRequest("root or sudo privileges required to create periodic token");
        }

        var batchRefusal = askedExplicitMax > TimeSpan.Zero ? "explicit_max_ttl" : askedNumUses > 0 ? "num_uses" : askedPeriod > TimeSpan.Zero ? "period" : null;
        if (type == "batch" && batchRefusal is not null)
        {
            throw LogicalException.BadRequest($"batch tokens cannot have \"{batchRefusal}\" set");
        }

        // A role's limits bind its callers: the stricter of the caller's and the role's wins (zero is "none", never looser).
        var explicitMax = TokenLimits.Stricter(askedExplicitMax, TimeSpan.FromSeconds(role?.TokenExplicitMaxTtl ?? 0));
        var period = TokenLimits.Stricter(askedPeriod, TimeSpan.FromSeconds(role?.TokenPeriod ?? 0));
        var numUses = TokenLimits.Stricter(askedNumUses, role?.TokenNumUses ?? 0);
        if (role is { TokenExplicitMaxTtl: > 0 } && askedExplicitMax > TimeSpan.Zero)
        {
            warnings.Add($"Explicit max TTL specified both during creation call and in role; using the lesser value of {(long)explicitMax.TotalSeconds} seconds");
        }

        if (role is { TokenPeriod: > 0 } && askedPeriod > TimeSpan.Zero)
        {
            warnings.Add($"Period specified both during creation call and in role; using the lesser value of {(long)period.TotalSeconds} seconds");
        }

        // A root-policy token without any TTL setting never expires, as in Vault.
        var neverExpires = policies.Contains(PolicyNames.Root) && ttlParam == TimeSpan.Zero && explicitMax == TimeSpan.Zero && period == TimeSpan.Zero;
        // The auth/token/ mount's tuning bounds the tokens it creates, as any auth mount's does its logins.
        var mountTtls = MountTtls.Of(_router.Route(CreatePath)?.Mount, _options);
        var (ttl, max, cappedPeriod, warning) = neverExpires
            ? (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, null)
            : TokenLimits.Resolve(ttlParam, TimeSpan.Zero, explicitMax, period, mountTtls.Default, mountTtls.Max);
        if (warning is not null)
        {
            warnings.Add(warning);
        }

        // A child is bound where its parent is (Vault); only a role's own CIDRs replace them. Unlike Vault,
        // an orphan from create-orphan keeps its creator's CIDRs too: a bound token never mints an unbound one.
        var boundCidrs = role is { TokenBoundCidrs.Count: > 0 } ? role.TokenBoundCidrs : role is null ? caller.BoundCidrs : [];

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
            Period = cappedPeriod,
            NumUses = numUses,
            Renewable = data.GetBool("renewable") && role?.Renewable != false,
            Type = type,
            Role = role?.Name,
            BoundCidrs = boundCidrs,
        }, ct).ConfigureAwait(false);
        return new LogicalResponse { IssuedAuth = TokenResponses.Auth(token, entry, _time.GetUtcNow()), Warnings = warnings };
    }

    // Checked on the request (any spelling of root) and again on the result: sudo does not make root, only root does.
    private static void RefuseRootUnlessRoot(IEnumerable<string> policies, TokenEntry caller)
    {
        if (!caller.IsRoot && policies.Any(PolicyNames.IsRoot))
        {
            throw LogicalException.BadRequest("root tokens may not be created without parent token being root");
        }
    }

    [GeneratedRegex("[^a-zA-Z0-9-]")]
    private static partial Regex DisplayNameCleaner();
}
