using System.Security.Cryptography;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>The <c>role/</c> paths: list roles, and create/update, read and delete <c>role/:role_name</c>.</summary>
internal sealed class RolePaths
{
    internal static readonly FieldSchema RoleName = new(FieldType.String, "The role's name; case-insensitive.");

    internal static readonly IReadOnlyDictionary<string, FieldSchema> RoleFields = TokenFields.With(new Dictionary<string, FieldSchema>
    {
        ["role_name"] = RoleName,
        ["bind_secret_id"] = new(FieldType.Bool, "Require a secret ID at login.") { Default = true },
        ["secret_id_bound_cidrs"] = new(FieldType.CommaStringSlice, "CIDR blocks allowed to log in with this role."),
        ["bound_cidr_list"] = new(FieldType.CommaStringSlice, "Deprecated: use secret_id_bound_cidrs."),
        ["secret_id_num_uses"] = new(FieldType.Int, "Default use limit of new secret IDs; 0 for unlimited."),
        ["secret_id_ttl"] = new(FieldType.Duration, "Default lifetime of new secret IDs; 0 for no expiry."),
        ["local_secret_ids"] = new(FieldType.Bool, "Secret IDs local to this cluster; set only at creation."),
        ["role_id"] = new(FieldType.String, "A custom role ID; a random UUID otherwise."),
    });

    private readonly AppRoleBackend _backend;

    private RolePaths(AppRoleBackend backend)
    {
        _backend = backend;
    }

    public static PathDefinition[] Create(AppRoleBackend backend)
    {
        var paths = new RolePaths(backend);
        return
        [
            new PathDefinition
            {
                Pattern = "role/?",
                Operations = new Dictionary<Operation, PathHandler> { [Operation.List] = paths.ListAsync },
                HelpSynopsis = "List the roles.",
            },
            new PathDefinition
            {
                Pattern = "role/(?<role_name>[^/]+)",
                Fields = RoleFields,
                ExistenceCheck = paths.ExistsAsync,
                Operations = new Dictionary<Operation, PathHandler>
                {
                    [Operation.Create] = paths.WriteAsync,
                    [Operation.Update] = paths.WriteAsync,
                    [Operation.Read] = paths.ReadAsync,
                    [Operation.Delete] = paths.DeleteAsync,
                },
                HelpSynopsis = "Manage a role: its login constraints and the settings of the tokens it issues.",
                HelpDescription = "At least one constraint (bind_secret_id, or CIDR blocks) must be enabled. Deleting a role deletes its secret IDs.",
            },
        ];
    }

    /// <summary>The checks every change of a role must pass.</summary>
    internal static void Validate(RoleEntry role)
    {
        if (!role.BindSecretId && role.SecretIdBoundCidrs.Count == 0 && role.Token.TokenBoundCidrs.Count == 0)
        {
            throw LogicalException.BadRequest("at least one constraint should be enabled on the role");
        }

        TokenFields.Validate(role.Token);
    }

    internal static int NonNegativeInt(FieldData data, string field) => data.GetInt(field) switch
    {
        < 0 => throw LogicalException.BadRequest($"\"{field}\" cannot be negative"),
        > int.MaxValue => throw LogicalException.BadRequest($"invalid value for field \"{field}\": out of range"),
        var n => (int)n,
    };

    internal static TimeSpan NonNegativeDuration(FieldData data, string field)
    {
        var value = data.GetDuration(field);
        return value < TimeSpan.Zero ? throw LogicalException.BadRequest($"\"{field}\" cannot be negative") : value;
    }

    private async Task<bool> ExistsAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        RoleNames.TryNormalize(data.GetString("role_name"), out var name)
        && await _backend.Store.GetRoleAsync(request.RequiredStorage, name, ct).ConfigureAwait(false) is not null;

    private async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        LogicalResponse.List(await _backend.Store.ListRolesAsync(request.RequiredStorage, ct).ConfigureAwait(false));

    private async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var name = RoleNames.Normalize(data.GetString("role_name"));
        var role = await _backend.Store.GetRoleAsync(request.RequiredStorage, name, ct).ConfigureAwait(false);
        if (role is null)
        {
            return null;
        }

        var response = TokenFields.ToResponseData(role.Token);
        response["bind_secret_id"] = role.BindSecretId;
        response["secret_id_bound_cidrs"] = role.SecretIdBoundCidrs.ToArray();
        response["secret_id_num_uses"] = role.SecretIdNumUses;
        response["secret_id_ttl"] = (long)role.SecretIdTtl.TotalSeconds;
        response["local_secret_ids"] = role.LocalSecretIds;
        return LogicalResponse.WithData(response);
    }

    private async Task<LogicalResponse?> WriteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var name = RoleNames.Normalize(data.GetString("role_name"));
        var storage = request.RequiredStorage;
        using var roleLock = await _backend.RoleLocks.AcquireAsync(name, ct).ConfigureAwait(false);
        var existing = await _backend.Store.GetRoleAsync(storage, name, ct).ConfigureAwait(false);
        var role = existing ?? new RoleEntry
        {
            Name = name,
            Id = Uuids.NewRandom(),
            RoleId = Uuids.NewRandom(),
            HmacKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };

        var cidrField = data.Has("secret_id_bound_cidrs") ? "secret_id_bound_cidrs" : data.Has("bound_cidr_list") ? "bound_cidr_list" : null;
        role = role with
        {
            BindSecretId = data.Has("bind_secret_id") ? data.GetBool("bind_secret_id") : role.BindSecretId,
            SecretIdBoundCidrs = cidrField is null ? role.SecretIdBoundCidrs : CidrBlocks.AsGiven(data, cidrField),
            SecretIdNumUses = data.Has("secret_id_num_uses") ? NonNegativeInt(data, "secret_id_num_uses") : role.SecretIdNumUses,
            SecretIdTtl = data.Has("secret_id_ttl") ? NonNegativeDuration(data, "secret_id_ttl") : role.SecretIdTtl,
            LocalSecretIds = LocalSecretIds(existing, data),
            Token = TokenFields.Parse(data, existing?.Token),
            RoleId = data.Has("role_id") ? NonEmptyRoleId(data.GetString("role_id")) : role.RoleId,
        };
        Validate(role);
        await _backend.SaveRoleAsync(storage, existing, role, ct).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var name = RoleNames.Normalize(data.GetString("role_name"));
        var storage = request.RequiredStorage;
        using var roleLock = await _backend.RoleLocks.AcquireAsync(name, ct).ConfigureAwait(false);
        var role = await _backend.Store.GetRoleAsync(storage, name, ct).ConfigureAwait(false);
        if (role is null)
        {
            return null;
        }

        // The role goes first, so its role ID and secret IDs stop working at once; what a crash leaves
        // behind is unreachable (filed under the role's internal id) and removed by tidy/secret-id.
        await _backend.Store.DeleteRoleAsync(storage, name, ct).ConfigureAwait(false);
        if (await _backend.Store.GetRoleIdAsync(storage, role.RoleId, ct).ConfigureAwait(false) is { } index && index.Name == name)
        {
            await _backend.Store.DeleteRoleIdAsync(storage, role.RoleId, ct).ConfigureAwait(false);
        }

        await DeleteSecretIdsAsync(_backend, storage, role.Id, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>Deletes every secret ID and accessor filed under a role's internal id.</summary>
    internal static async Task DeleteSecretIdsAsync(AppRoleBackend backend, IStorage storage, string roleId, CancellationToken ct)
    {
        foreach (var hmac in await backend.Store.ListSecretIdsAsync(storage, roleId, ct).ConfigureAwait(false))
        {
            using var secretLock = await backend.SecretIdLocks.AcquireAsync(hmac, ct).ConfigureAwait(false);
            if (await backend.Store.GetSecretIdAsync(storage, roleId, hmac, ct).ConfigureAwait(false) is { } entry)
            {
                await backend.Store.DeleteSecretIdAsync(storage, entry, ct).ConfigureAwait(false);
            }
        }

        foreach (var accessor in await backend.Store.ListAccessorsAsync(storage, roleId, ct).ConfigureAwait(false))
        {
            await backend.Store.DeleteAccessorAsync(storage, roleId, accessor, ct).ConfigureAwait(false);
        }
    }

    internal static string NonEmptyRoleId(string roleId) =>
        roleId.Length == 0 ? throw LogicalException.BadRequest("missing role_id") : roleId;

    private static bool LocalSecretIds(RoleEntry? existing, FieldData data)
    {
        if (existing is null)
        {
            return data.GetBool("local_secret_ids");
        }

        if (data.Has("local_secret_ids") && data.GetBool("local_secret_ids") != existing.LocalSecretIds)
        {
            throw LogicalException.BadRequest("local_secret_ids can only be modified during role creation");
        }

        return existing.LocalSecretIds;
    }
}
