using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// The single-field paths of a role (<c>role/:role_name/token-ttl</c>, <c>.../bind-secret-id</c>...), which
/// exist so that an ACL can delegate one setting; plus <c>role-id</c> (read and set) and
/// <c>local-secret-ids</c> (read). GET reads the field, POST sets it, DELETE restores its default.
/// </summary>
internal sealed class RolePropertyPaths
{
    private static readonly Property[] Properties =
    [
        new("policies", "token_policies", "policies", r => TokenData(r, "token_policies", "policies"), WithToken, r => r with { Token = r.Token with { TokenPolicies = [], PoliciesAliasSet = false } }),
        new("secret-id-num-uses", "secret_id_num_uses", null, r => One("secret_id_num_uses", r.SecretIdNumUses), (r, d) => r with { SecretIdNumUses = RolePaths.NonNegativeInt(d, "secret_id_num_uses") }, r => r with { SecretIdNumUses = 0 }),
        new("secret-id-ttl", "secret_id_ttl", null, r => One("secret_id_ttl", (long)r.SecretIdTtl.TotalSeconds), (r, d) => r with { SecretIdTtl = RolePaths.NonNegativeDuration(d, "secret_id_ttl") }, r => r with { SecretIdTtl = TimeSpan.Zero }),
        new("token-ttl", "token_ttl", null, r => TokenData(r, "token_ttl"), WithToken, r => r with { Token = r.Token with { TokenTtl = TimeSpan.Zero, TtlAliasSet = false } }),
        new("token-max-ttl", "token_max_ttl", null, r => TokenData(r, "token_max_ttl"), WithToken, r => r with { Token = r.Token with { TokenMaxTtl = TimeSpan.Zero, MaxTtlAliasSet = false } }),
        new("bind-secret-id", "bind_secret_id", null, r => One("bind_secret_id", r.BindSecretId), (r, d) => r with { BindSecretId = d.GetBool("bind_secret_id") }, r => r with { BindSecretId = true }),
        new("secret-id-bound-cidrs", "secret_id_bound_cidrs", null, r => One("secret_id_bound_cidrs", r.SecretIdBoundCidrs.ToArray()), (r, d) => r with { SecretIdBoundCidrs = CidrBlocks.AsGiven(d, "secret_id_bound_cidrs") }, r => r with { SecretIdBoundCidrs = [] }),
        new("token-bound-cidrs", "token_bound_cidrs", null, r => TokenData(r, "token_bound_cidrs"), WithToken, r => r with { Token = r.Token with { TokenBoundCidrs = [], BoundCidrsAliasSet = false } }),
        new("period", "token_period", "period", r => TokenData(r, "token_period", "period"), WithToken, r => r with { Token = r.Token with { TokenPeriod = TimeSpan.Zero, PeriodAliasSet = false } }),
        new("token-num-uses", "token_num_uses", null, r => TokenData(r, "token_num_uses"), WithToken, r => r with { Token = r.Token with { TokenNumUses = 0 } }),
    ];

    private readonly AppRoleBackend _backend;

    private RolePropertyPaths(AppRoleBackend backend)
    {
        _backend = backend;
    }

    public static PathDefinition[] Create(AppRoleBackend backend)
    {
        var paths = new RolePropertyPaths(backend);
        var definitions = Properties.Select(property => new PathDefinition
        {
            Pattern = $"role/(?<role_name>[^/]+)/{property.Suffix}",
            Fields = FieldsOf(property.Field, property.Alias),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = (request, data, ct) => paths.ReadAsync(request, data, property.Read, ct),
                [Operation.Update] = (request, data, ct) => paths.UpdateAsync(request, data, property, ct),
                [Operation.Delete] = (request, data, ct) => paths.ResetAsync(request, data, property.Reset, ct),
            },
            HelpSynopsis = $"Read, set or reset the role's {property.Field}.",
        }).ToList();

        definitions.Add(new PathDefinition
        {
            Pattern = "role/(?<role_name>[^/]+)/role-id",
            Fields = FieldsOf("role_id", null),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = (request, data, ct) => paths.ReadAsync(request, data, r => One("role_id", r.RoleId), ct),
                [Operation.Update] = paths.SetRoleIdAsync,
            },
            HelpSynopsis = "Read or set the role ID that logs in to this role.",
        });
        definitions.Add(new PathDefinition
        {
            Pattern = "role/(?<role_name>[^/]+)/local-secret-ids",
            Fields = FieldsOf("local_secret_ids", null),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = (request, data, ct) => paths.ReadAsync(request, data, r => One("local_secret_ids", r.LocalSecretIds), ct),
            },
            HelpSynopsis = "Whether the role's secret IDs are local to this cluster.",
        });
        return [.. definitions];
    }

    private async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, Func<RoleEntry, Dictionary<string, object?>> read, CancellationToken ct)
    {
        var name = RoleNames.Normalize(data.GetString("role_name"));
        var role = await _backend.Store.GetRoleAsync(request.RequiredStorage, name, ct).ConfigureAwait(false);
        return role is null ? null : LogicalResponse.WithData(read(role));
    }

    private async Task<LogicalResponse?> UpdateAsync(LogicalRequest request, FieldData data, Property property, CancellationToken ct)
    {
        // Only this path's field is applied, even though TokenFields.Parse would read any token_* field sent.
        var only = request.Data.Where(p => p.Key == property.Field || p.Key == property.Alias).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var fields = new FieldData(only, new Dictionary<string, string>(), RolePaths.RoleFields);
        if (!fields.Has(property.Field) && (property.Alias is null || !fields.Has(property.Alias)))
        {
            throw LogicalException.BadRequest($"missing {property.Field}");
        }

        return await ChangeAsync(request, data, role => property.Write(role, fields), ct).ConfigureAwait(false);
    }

    private async Task<LogicalResponse?> ResetAsync(LogicalRequest request, FieldData data, Func<RoleEntry, RoleEntry> reset, CancellationToken ct)
    {
        var name = RoleNames.Normalize(data.GetString("role_name"));
        return await _backend.Store.GetRoleAsync(request.RequiredStorage, name, ct).ConfigureAwait(false) is null
            ? null
            : await ChangeAsync(request, data, reset, ct).ConfigureAwait(false);
    }

    private Task<LogicalResponse?> SetRoleIdAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        ChangeAsync(request, data, role => role with { RoleId = RolePaths.NonEmptyRoleId(data.GetString("role_id")) }, ct);

    private async Task<LogicalResponse?> ChangeAsync(LogicalRequest request, FieldData data, Func<RoleEntry, RoleEntry> change, CancellationToken ct)
    {
        var name = RoleNames.Normalize(data.GetString("role_name"));
        var storage = request.RequiredStorage;
        using var roleLock = await _backend.RoleLocks.AcquireAsync(name, ct).ConfigureAwait(false);
        var role = await _backend.RequireRoleAsync(storage, data, ct).ConfigureAwait(false);
        var changed = change(role);
        RolePaths.Validate(changed);
        await _backend.SaveRoleAsync(storage, role, changed, ct).ConfigureAwait(false);
        return null;
    }

    private static RoleEntry WithToken(RoleEntry role, FieldData data) => role with { Token = TokenFields.Parse(data, role.Token) };

    private static Dictionary<string, object?> TokenData(RoleEntry role, params string[] keys)
    {
        var all = TokenFields.ToResponseData(role.Token);
        return keys.Where(all.ContainsKey).ToDictionary(k => k, k => all[k], StringComparer.Ordinal);
    }

    private static Dictionary<string, object?> One(string key, object value) => new(StringComparer.Ordinal) { [key] = value };

    private static Dictionary<string, FieldSchema> FieldsOf(string field, string? alias)
    {
        var fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal) { ["role_name"] = RolePaths.RoleName, [field] = RolePaths.RoleFields[field] };
        if (alias is not null)
        {
            fields[alias] = RolePaths.RoleFields[alias];
        }

        return fields;
    }

    /// <summary>One single-field path: its suffix, field (and deprecated alias), and how to read, set and reset it.</summary>
    private sealed record Property(
        string Suffix,
        string Field,
        string? Alias,
        Func<RoleEntry, Dictionary<string, object?>> Read,
        Func<RoleEntry, FieldData, RoleEntry> Write,
        Func<RoleEntry, RoleEntry> Reset);
}
