using System.Security.Cryptography;
using System.Text;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// Issuing secret IDs: <c>role/:role_name/secret-id</c> (POST generates a random one, LIST gives the
/// accessors) and <c>role/:role_name/custom-secret-id</c> (the caller supplies it).
/// </summary>
internal sealed class SecretIdPaths
{
    private static readonly Dictionary<string, FieldSchema> IssueFields = new(StringComparer.Ordinal)
    {
        ["role_name"] = RolePaths.RoleName,
        ["metadata"] = new(FieldType.String, "A JSON object of string values, as a string, set on the tokens this secret ID logs in to."),
        ["cidr_list"] = new(FieldType.CommaStringSlice, "CIDR blocks allowed to log in with this secret ID; within the role's."),
        ["token_bound_cidrs"] = new(FieldType.CommaStringSlice, "CIDR blocks of the issued tokens; within the role's."),
        ["num_uses"] = new(FieldType.Int, "Use limit; at most the role's secret_id_num_uses."),
        ["ttl"] = new(FieldType.Duration, "Lifetime; at most the role's secret_id_ttl."),
    };

    private readonly AppRoleBackend _backend;

    private SecretIdPaths(AppRoleBackend backend)
    {
        _backend = backend;
    }

    public static PathDefinition[] Create(AppRoleBackend backend)
    {
        var paths = new SecretIdPaths(backend);
        return
        [
            new PathDefinition
            {
                Pattern = "role/(?<role_name>[^/]+)/secret-id/?",
                Fields = IssueFields,
                Operations = new Dictionary<Operation, PathHandler>
                {
                    [Operation.Update] = paths.GenerateAsync,
                    [Operation.List] = paths.ListAsync,
                },
                HelpSynopsis = "Issue a random secret ID against the role, or list the accessors of its secret IDs.",
            },
            new PathDefinition
            {
                Pattern = "role/(?<role_name>[^/]+)/custom-secret-id",
                Fields = new Dictionary<string, FieldSchema>(IssueFields, StringComparer.Ordinal) { ["secret_id"] = new(FieldType.String, "The secret ID to register.") },
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.CustomAsync },
                HelpSynopsis = "Register a secret ID chosen by the caller (the push model).",
            },
        ];
    }

    private async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var role = await _backend.RequireRoleAsync(request.RequiredStorage, data, ct).ConfigureAwait(false);
        return LogicalResponse.List(await _backend.Store.ListAccessorsAsync(request.RequiredStorage, role.Id, ct).ConfigureAwait(false));
    }

    private async Task<LogicalResponse?> GenerateAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        // A v4 UUID from the CSPRNG: 122 random bits, as Vault's secret IDs.
        var secretId = Uuids.NewRandom();
        return await IssueAsync(request, data, Encoding.UTF8.GetBytes(secretId), ct).ConfigureAwait(false);
    }

    private async Task<LogicalResponse?> CustomAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var secretId = SecretField.GetUtf8(data, "secret_id");
        if (secretId is null || secretId.Length == 0)
        {
            throw LogicalException.BadRequest("missing secret_id");
        }

        return await IssueAsync(request, data, secretId, ct).ConfigureAwait(false);
    }

    private async Task<LogicalResponse?> IssueAsync(LogicalRequest request, FieldData data, byte[] secretId, CancellationToken ct)
    {
        try
        {
            var storage = request.RequiredStorage;
            var name = RoleNames.Normalize(data.GetString("role_name"));

            // Under the role's lock, so a role deleted meanwhile cannot be left with a fresh secret ID.
            using var roleLock = await _backend.RoleLocks.AcquireAsync(name, ct).ConfigureAwait(false);
            var role = await _backend.RequireRoleAsync(storage, data, ct).ConfigureAwait(false);
            if (!role.BindSecretId)
            {
                throw LogicalException.BadRequest("bind_secret_id is not set on the role, so it issues no secret IDs");
            }

            var entry = NewEntry(role, data, AppRoleStore.SecretIdHmac(role, secretId));
            using (await _backend.SecretIdLocks.AcquireAsync(entry.SecretIdHmac, ct).ConfigureAwait(false))
            {
                if (await _backend.Store.GetSecretIdAsync(storage, role.Id, entry.SecretIdHmac, ct).ConfigureAwait(false) is not null)
                {
                    throw LogicalException.BadRequest("secret ID already exists");
                }

                await _backend.Store.PutSecretIdAsync(storage, entry, ct).ConfigureAwait(false);
            }

            return LogicalResponse.WithData(new Dictionary<string, object?>
            {
                ["secret_id"] = Encoding.UTF8.GetString(secretId),
                ["secret_id_accessor"] = entry.Accessor,
                ["secret_id_ttl"] = (long)entry.Ttl.TotalSeconds,
                ["secret_id_num_uses"] = entry.NumUses,
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretId);
        }
    }

    private SecretIdEntry NewEntry(RoleEntry role, FieldData data, string hmac)
    {
        var cidrs = CidrBlocks.AsGiven(data, "cidr_list");
        if (!BoundCidrs.Cover(role.SecretIdBoundCidrs, cidrs))
        {
            throw LogicalException.BadRequest("\"cidr_list\" must lie within the role's secret_id_bound_cidrs");
        }

        var tokenCidrs = CidrBlocks.AsGiven(data, "token_bound_cidrs");
        if (!BoundCidrs.Cover(role.Token.TokenBoundCidrs, tokenCidrs))
        {
            throw LogicalException.BadRequest("\"token_bound_cidrs\" must lie within the role's token_bound_cidrs");
        }

        // An override may narrow the role's limits but never lift them (0 means "none").
        var numUses = role.SecretIdNumUses;
        if (data.Has("num_uses"))
        {
            numUses = RolePaths.NonNegativeInt(data, "num_uses");
            if (role.SecretIdNumUses > 0 && (numUses == 0 || numUses > role.SecretIdNumUses))
            {
                throw LogicalException.BadRequest("\"num_uses\" cannot be higher than the role's secret_id_num_uses");
            }
        }

        var ttl = role.SecretIdTtl;
        if (data.Has("ttl"))
        {
            ttl = RolePaths.NonNegativeDuration(data, "ttl");
            if (role.SecretIdTtl > TimeSpan.Zero && (ttl == TimeSpan.Zero || ttl > role.SecretIdTtl))
            {
                throw LogicalException.BadRequest("\"ttl\" cannot be longer than the role's secret_id_ttl");
            }
        }

        var now = _backend.Time.GetUtcNow();
        return new SecretIdEntry
        {
            RoleId = role.Id,
            SecretIdHmac = hmac,
            Accessor = Uuids.NewRandom(),
            NumUses = numUses,
            Ttl = ttl,
            CreationTime = now,
            ExpirationTime = ttl > TimeSpan.Zero ? now + ttl : null,
            LastUpdatedTime = now,
            Metadata = new Dictionary<string, string>(data.GetStringMap("metadata"), StringComparer.Ordinal),
            CidrList = cidrs,
            TokenBoundCidrs = tokenCidrs,
        };
    }
}
