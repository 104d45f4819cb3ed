using SecretVault.Core.Policies;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tokens;

/// <summary><c>auth/token/roles</c> and <c>auth/token/roles/:role_name</c>.</summary>
public sealed class TokenRolePaths
{
    private static readonly Dictionary<string, FieldSchema> Fields = new(StringComparer.Ordinal)
    {
        ["role_name"] = new(FieldType.String),
        ["allowed_policies"] = new(FieldType.CommaStringSlice),
        ["disallowed_policies"] = new(FieldType.CommaStringSlice),
        ["allowed_policies_glob"] = new(FieldType.CommaStringSlice),
        ["disallowed_policies_glob"] = new(FieldType.CommaStringSlice),
        ["orphan"] = new(FieldType.Bool),
        ["renewable"] = new(FieldType.Bool) { Default = true },
        ["path_suffix"] = new(FieldType.String),
        ["allowed_entity_aliases"] = new(FieldType.CommaStringSlice),
        ["token_bound_cidrs"] = new(FieldType.CommaStringSlice),
        ["token_explicit_max_ttl"] = new(FieldType.Duration),
        ["token_no_default_policy"] = new(FieldType.Bool),
        ["token_num_uses"] = new(FieldType.Int),
        ["token_period"] = new(FieldType.Duration),
        ["token_type"] = new(FieldType.String),
        ["period"] = new(FieldType.Duration),
        ["explicit_max_ttl"] = new(FieldType.Duration),
        ["bound_cidrs"] = new(FieldType.CommaStringSlice),
    };

    private readonly TokenStore _tokens;

    public TokenRolePaths(TokenStore tokens)
    {
        _tokens = tokens;
    }

    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "roles/?",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.List] = async (r, d, ct) => LogicalResponse.List(await _tokens.Roles.ListAsync(ct).ConfigureAwait(false)) },
            HelpSynopsis = "List token roles.",
        },
        new PathDefinition
        {
            Pattern = "roles/(?<role_name>[^/]+)",
            Fields = Fields,
            ExistenceCheck = async (r, d, ct) => await _tokens.Roles.GetAsync(Name(d), ct).ConfigureAwait(false) is not null,
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = async (r, d, ct) => await _tokens.Roles.GetAsync(Name(d), ct).ConfigureAwait(false) is { } role ? LogicalResponse.WithData(Describe(role)) : null,
                [Operation.Update] = WriteAsync,
                [Operation.Delete] = async (r, d, ct) =>
                {
                    await _tokens.Roles.DeleteAsync(Name(d), ct).ConfigureAwait(false);
                    return null;
                },
            },
            HelpSynopsis = "Create, read, update or delete a token role.",
        },
    ];

    private async Task<LogicalResponse?> WriteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var name = Name(data);
        var existing = await _tokens.Roles.GetAsync(name, ct).ConfigureAwait(false) ?? new TokenRoleEntry { Name = name };
        IReadOnlyList<string> Policies(string field, IReadOnlyList<string> current) =>
            data.Has(field) ? [.. data.GetStrings(field).Select(PolicyNames.Normalize)] : current;
        var role = existing with
        {
            AllowedPolicies = Policies("allowed_policies", existing.AllowedPolicies),
            DisallowedPolicies = Policies("disallowed_policies", existing.DisallowedPolicies),
            AllowedPoliciesGlob = Policies("allowed_policies_glob", existing.AllowedPoliciesGlob),
            DisallowedPoliciesGlob = Policies("disallowed_policies_glob", existing.DisallowedPoliciesGlob),
            Orphan = data.Has("orphan") ? data.GetBool("orphan") : existing.Orphan,
            Renewable = data.Has("renewable") ? data.GetBool("renewable") : existing.Renewable,
            PathSuffix = data.Has("path_suffix") ? data.GetString("path_suffix") : existing.PathSuffix,
            AllowedEntityAliases = data.Has("allowed_entity_aliases") ? data.GetStrings("allowed_entity_aliases") : existing.AllowedEntityAliases,
            TokenBoundCidrs = data.Has("token_bound_cidrs") ? BoundCidrs.Parse("token_bound_cidrs", data.GetStrings("token_bound_cidrs")) : data.Has("bound_cidrs") ? BoundCidrs.Parse("bound_cidrs", data.GetStrings("bound_cidrs")) : existing.TokenBoundCidrs,
            TokenExplicitMaxTtl = Seconds(data, "token_explicit_max_ttl", "explicit_max_ttl") ?? existing.TokenExplicitMaxTtl,
            TokenNoDefaultPolicy = data.Has("token_no_default_policy") ? data.GetBool("token_no_default_policy") : existing.TokenNoDefaultPolicy,
            TokenNumUses = data.Has("token_num_uses") ? data.GetInt("token_num_uses") : existing.TokenNumUses,
            TokenPeriod = Seconds(data, "token_period", "period") ?? existing.TokenPeriod,
            TokenType = data.Has("token_type") ? data.GetString("token_type") : existing.TokenType,
        };

        if (role.AllowedPolicies.Concat(role.AllowedPoliciesGlob).Any(PolicyNames.IsRoot))
        {
            throw LogicalException.BadRequest("a token role cannot allow the root policy");
        }

        if (role.TokenType is not ("service" or "batch" or "default-service" or "default-batch"))
        {
            throw LogicalException.BadRequest("token_type must be one of service, batch, default-service or default-batch");
        }

        if (role.TokenNumUses < 0 || role.PathSuffix.Contains("..", StringComparison.Ordinal))
        {
            throw LogicalException.BadRequest(role.TokenNumUses < 0 ? "token_num_uses cannot be negative" : "path_suffix cannot contain '..'");
        }

        await _tokens.Roles.PutAsync(role, ct).ConfigureAwait(false);
        return null;
    }

    private static Dictionary<string, object?> Describe(TokenRoleEntry role) => new()
    {
        ["name"] = role.Name,
        ["allowed_policies"] = role.AllowedPolicies,
        ["disallowed_policies"] = role.DisallowedPolicies,
        ["allowed_policies_glob"] = role.AllowedPoliciesGlob,
        ["disallowed_policies_glob"] = role.DisallowedPoliciesGlob,
        ["orphan"] = role.Orphan,
        ["renewable"] = role.Renewable,
        ["path_suffix"] = role.PathSuffix,
        ["allowed_entity_aliases"] = role.AllowedEntityAliases,
        ["token_bound_cidrs"] = role.TokenBoundCidrs,
        ["token_explicit_max_ttl"] = role.TokenExplicitMaxTtl,
        ["token_no_default_policy"] = role.TokenNoDefaultPolicy,
        ["token_num_uses"] = role.TokenNumUses,
        ["token_period"] = role.TokenPeriod,
        ["token_type"] = role.TokenType,
    };

    // Case-sensitive, as in Vault: the name is stored as sent, so the ACL checks the very path it is stored under
    // (lower-casing it let roles/WEB overwrite a role denied on roles/web, and create/WEB never found it).
    private static string Name(FieldData data)
    {
        var name = data.GetString("role_name");
        VisibleNames.Check("role name", name);
        return name;
    }

    // A negative limit would read as "none" where the role meant a limit: refused, as the auth roles' token fields are.
    private static long? Seconds(FieldData data, string field, string legacy)
    {
        var name = data.Has(field) ? field : data.Has(legacy) ? legacy : null;
        if (name is null)
        {
            return null;
        }

        var value = data.GetDuration(name);
        return value < TimeSpan.Zero ? throw LogicalException.BadRequest($"\"{name}\" cannot be negative") : (long)value.TotalSeconds;
    }
}
