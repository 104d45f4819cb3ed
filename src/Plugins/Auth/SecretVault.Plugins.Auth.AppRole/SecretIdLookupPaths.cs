using System.Security.Cryptography;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// Reading and destroying one secret ID of a role, by the secret ID itself (<c>secret-id/lookup</c>,
/// <c>secret-id/destroy</c>) or by its accessor (<c>secret-id-accessor/lookup</c>, <c>.../destroy</c>).
/// Accessors are filed under their role, so another role's accessor is simply not found (CVE-2023-24999).
/// </summary>
internal sealed class SecretIdLookupPaths
{
    private const string NoSuchAccessor = "failed to find accessor entry for secret_id_accessor";

    private readonly AppRoleBackend _backend;

    private SecretIdLookupPaths(AppRoleBackend backend)
    {
        _backend = backend;
    }

    public static PathDefinition[] Create(AppRoleBackend backend)
    {
        var paths = new SecretIdLookupPaths(backend);
        var bySecret = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
        {
            ["role_name"] = RolePaths.RoleName,
            ["secret_id"] = new(FieldType.String, "The secret ID."),
        };
        var byAccessor = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
        {
            ["role_name"] = RolePaths.RoleName,
            ["secret_id_accessor"] = new(FieldType.String, "The accessor of the secret ID."),
        };
        return
        [
            new PathDefinition
            {
                Pattern = "role/(?<role_name>[^/]+)/secret-id/lookup",
                Fields = bySecret,
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.LookupAsync },
                HelpSynopsis = "Read the properties of a secret ID; an unknown one gives an empty response.",
            },
            new PathDefinition
            {
                Pattern = "role/(?<role_name>[^/]+)/secret-id/destroy",
                Fields = bySecret,
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.DestroyAsync, [Operation.Delete] = paths.DestroyAsync },
                HelpSynopsis = "Destroy a secret ID.",
            },
            new PathDefinition
            {
                Pattern = "role/(?<role_name>[^/]+)/secret-id-accessor/lookup",
                Fields = byAccessor,
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.LookupAccessorAsync },
                HelpSynopsis = "Read the properties of a secret ID by its accessor.",
            },
            new PathDefinition
            {
                Pattern = "role/(?<role_name>[^/]+)/secret-id-accessor/destroy",
                Fields = byAccessor,
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.DestroyAccessorAsync, [Operation.Delete] = paths.DestroyAccessorAsync },
                HelpSynopsis = "Destroy a secret ID by its accessor.",
            },
        ];
    }

    /// <summary>The lookup shape of a secret ID (never the secret ID itself).</summary>
    internal static Dictionary<string, object?> ToResponseData(SecretIdEntry entry) => new(StringComparer.Ordinal)
    {
        ["secret_id_accessor"] = entry.Accessor,
        ["secret_id_num_uses"] = entry.NumUses,
        ["secret_id_ttl"] = (long)entry.Ttl.TotalSeconds,
        ["creation_time"] = AppRoleBackend.FormatTime(entry.CreationTime),
        ["expiration_time"] = AppRoleBackend.FormatTime(entry.ExpirationTime),
        ["last_updated_time"] = AppRoleBackend.FormatTime(entry.LastUpdatedTime),
        ["metadata"] = new Dictionary<string, string>(entry.Metadata, StringComparer.Ordinal),
        ["cidr_list"] = entry.CidrList.ToArray(),
        ["token_bound_cidrs"] = entry.TokenBoundCidrs.ToArray(),
    };

    private async Task<LogicalResponse?> LookupAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var (_, entry) = await FindBySecretAsync(request.RequiredStorage, data, ct).ConfigureAwait(false);
        return entry is null || entry.IsExpired(_backend.Time.GetUtcNow()) ? null : LogicalResponse.WithData(ToResponseData(entry));
    }

    private async Task<LogicalResponse?> DestroyAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var storage = request.RequiredStorage;
        var (role, entry) = await FindBySecretAsync(storage, data, ct).ConfigureAwait(false);
        if (entry is not null)
        {
            await DestroyAsync(storage, role, entry.SecretIdHmac, ct).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<LogicalResponse?> LookupAccessorAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var (_, entry) = await FindByAccessorAsync(request.RequiredStorage, data, ct).ConfigureAwait(false);
        return LogicalResponse.WithData(ToResponseData(entry));
    }

    private async Task<LogicalResponse?> DestroyAccessorAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var storage = request.RequiredStorage;
        var (role, entry) = await FindByAccessorAsync(storage, data, ct).ConfigureAwait(false);
        await DestroyAsync(storage, role, entry.SecretIdHmac, ct).ConfigureAwait(false);
        return null;
    }

    private async Task DestroyAsync(IStorage storage, RoleEntry role, string hmac, CancellationToken ct)
    {
        using var secretLock = await _backend.SecretIdLocks.AcquireAsync(hmac, ct).ConfigureAwait(false);
        if (await _backend.Store.GetSecretIdAsync(storage, role.Id, hmac, ct).ConfigureAwait(false) is { } entry)
        {
            await _backend.Store.DeleteSecretIdAsync(storage, entry, ct).ConfigureAwait(false);
        }
    }

    private async Task<(RoleEntry Role, SecretIdEntry? Entry)> FindBySecretAsync(IStorage storage, FieldData data, CancellationToken ct)
    {
        var role = await _backend.RequireRoleAsync(storage, data, ct).ConfigureAwait(false);
        var secretId = SecretField.GetUtf8(data, "secret_id");
        if (secretId is null || secretId.Length == 0)
        {
            throw LogicalException.BadRequest("missing secret_id");
        }

        var hmac = AppRoleStore.SecretIdHmac(role, secretId);
        CryptographicOperations.ZeroMemory(secretId);
        return (role, await _backend.Store.GetSecretIdAsync(storage, role.Id, hmac, ct).ConfigureAwait(false));
    }

    private async Task<(RoleEntry Role, SecretIdEntry Entry)> FindByAccessorAsync(IStorage storage, FieldData data, CancellationToken ct)
    {
        var role = await _backend.RequireRoleAsync(storage, data, ct).ConfigureAwait(false);
        var accessor = data.GetString("secret_id_accessor").Trim().ToLowerInvariant();
        if (accessor.Length == 0)
        {
            throw LogicalException.BadRequest("missing secret_id_accessor");
        }

        // Accessors are UUIDs we issued; anything else is not a storage key we look up.
        if (!Guid.TryParseExact(accessor, "D", out _))
        {
            throw LogicalException.BadRequest(NoSuchAccessor);
        }

        var index = await _backend.Store.GetAccessorAsync(storage, role.Id, accessor, ct).ConfigureAwait(false);
        var entry = index is null ? null : await _backend.Store.GetSecretIdAsync(storage, role.Id, index.SecretIdHmac, ct).ConfigureAwait(false);

        // The entry must belong to this role and be the one the accessor names; the folder already ensures
        // it, and the explicit check keeps it so if the layout ever changes.
        if (entry is null || entry.RoleId != role.Id || entry.Accessor != accessor)
        {
            throw LogicalException.BadRequest(NoSuchAccessor);
        }

        return (role, entry);
    }
}
