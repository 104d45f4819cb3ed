using System.Security.Cryptography;
using System.Text;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// <c>login</c>: a role ID and (when the role binds one) a secret ID, from an allowed address, give the
/// role's <see cref="AuthResult"/>. A secret ID's use is spent under its lock, so with one use left
/// exactly one of several concurrent logins succeeds; the last use deletes it. An unknown role ID and a wrong
/// secret ID answer alike, after the same work, so a login does not tell which role IDs exist.
/// </summary>
internal sealed class LoginPaths
{
    // Vault's wording since it stopped telling the two apart.
    private const string InvalidCredentials = "invalid role or secret ID";

    private readonly AppRoleBackend _backend;

    // Stands in for the role of an unknown role ID: a role that binds secret IDs, with a key and an id of its own that
    // no secret ID is filed under, so the login goes through the same reads, HMAC and lock and fails the same way.
    private readonly RoleEntry _decoy;

    private LoginPaths(AppRoleBackend backend)
    {
        _backend = backend;
        var id = Uuids.NewRandom();
        _decoy = new RoleEntry { Name = id, Id = id, RoleId = "", HmacKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
    }

    public static PathDefinition[] Create(AppRoleBackend backend)
    {
        var paths = new LoginPaths(backend);
        return
        [
            new PathDefinition
            {
                Pattern = "login",
                Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
                {
                    ["role_id"] = new(FieldType.String, "The role ID."),
                    ["secret_id"] = new(FieldType.String, "A secret ID of the role; required when the role binds secret IDs."),
                },
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.LoginAsync },

                // As in Vault, the role ID is the alias: failed logins are counted per role ID.
                LoginAlias = (request, data) => data.GetString("role_id") is { Length: > 0 } roleId ? roleId : null,
                HelpSynopsis = "Log in with a role ID and a secret ID.",
            },
        ];
    }

    private async Task<LogicalResponse?> LoginAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var storage = request.RequiredStorage;
        var roleId = data.GetString("role_id");
        if (roleId.Length == 0)
        {
            throw LogicalException.BadRequest("missing role_id");
        }

        var role = await FindRoleAsync(storage, roleId, ct).ConfigureAwait(false) ?? _decoy;

        // Without a secret ID the role ID is the whole credential, so the address may be judged at once; otherwise
        // it is judged once the secret ID proved valid (before its use is spent).
        if (!role.BindSecretId && !BoundCidrs.Allow(role.SecretIdBoundCidrs, request.RemoteAddress))
        {
            throw RoleCidrsRefused();
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokenCidrs = role.Token.TokenBoundCidrs;
        var internalData = new Dictionary<string, string>(StringComparer.Ordinal) { ["role_name"] = role.Name };
        if (role.BindSecretId)
        {
            var entry = await SpendSecretIdAsync(storage, role, data, request.RemoteAddress, ct).ConfigureAwait(false);
            foreach (var (key, value) in entry.Metadata)
            {
                metadata[key] = value;
            }

            // Kept as given on the secret ID; the token holds them parsed, as Vault's (a /32 is the bare address).
            if (entry.TokenBoundCidrs.Count > 0)
            {
                tokenCidrs = BoundCidrs.Parse("token_bound_cidrs", entry.TokenBoundCidrs);
            }

            internalData["secret_id_accessor"] = entry.Accessor;
        }

        // role_name is set last: secret ID metadata cannot pose as another role.
        metadata["role_name"] = role.Name;
        var auth = TokenFields.ToAuthResult(role.Token with { TokenBoundCidrs = tokenCidrs }, aliasName: role.RoleId, metadata) with
        {
            InternalData = internalData,
        };
        return new LogicalResponse { Auth = auth };
    }

    private async Task<RoleEntry?> FindRoleAsync(IStorage storage, string roleId, CancellationToken ct)
    {
        var index = await _backend.Store.GetRoleIdAsync(storage, roleId, ct).ConfigureAwait(false);

        // An unknown role ID reads the decoy's role, which does not exist, so both take the same storage reads.
        var role = await _backend.Store.GetRoleAsync(storage, index?.Name ?? _decoy.Name, ct).ConfigureAwait(false);

        // The index is found by a keyed hash; the role must still hold this very role ID (a stale index
        // left by a role ID change must not log in).
        return role is not null && index is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(role.RoleId), Encoding.UTF8.GetBytes(roleId))
            ? role
            : null;
    }

    private async Task<SecretIdEntry> SpendSecretIdAsync(IStorage storage, RoleEntry role, FieldData data, string? remoteAddress, CancellationToken ct)
    {
        var secretId = SecretField.GetUtf8(data, "secret_id");
        if (secretId is null || secretId.Length == 0)
        {
            throw LogicalException.BadRequest("missing secret_id");
        }

        var hmac = AppRoleStore.SecretIdHmac(role, secretId);
        CryptographicOperations.ZeroMemory(secretId);

        using var secretLock = await _backend.SecretIdLocks.AcquireAsync(hmac, ct).ConfigureAwait(false);
        var entry = await _backend.Store.GetSecretIdAsync(storage, role.Id, hmac, ct).ConfigureAwait(false);
        if (entry is null
            || entry.RoleId != role.Id
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(entry.SecretIdHmac), Convert.FromHexString(hmac)))
        {
            throw LogicalException.InvalidCredentials(InvalidCredentials);
        }

        var now = _backend.Time.GetUtcNow();
        if (entry.IsExpired(now))
        {
            await _backend.Store.DeleteSecretIdAsync(storage, entry, ct).ConfigureAwait(false);
            throw LogicalException.InvalidCredentials(InvalidCredentials);
        }

        // A refused address spends none of the secret ID's uses.
        if (!BoundCidrs.Allow(role.SecretIdBoundCidrs, remoteAddress))
        {
            throw RoleCidrsRefused();
        }

        // The role's blocks may have narrowed since the secret ID was issued; its own must still lie within them.
        if (!BoundCidrs.Cover(role.SecretIdBoundCidrs, entry.CidrList)
            || !BoundCidrs.Allow(entry.CidrList, remoteAddress))
        {
            throw LogicalException.BadRequest("source address unauthorized through CIDR restrictions on the secret ID");
        }

        if (entry.NumUses == 1)
        {
            await _backend.Store.DeleteSecretIdAsync(storage, entry, ct).ConfigureAwait(false);
        }
        else if (entry.NumUses > 1)
        {
            await _backend.Store.UpdateSecretIdAsync(storage, entry with { NumUses = entry.NumUses - 1, LastUpdatedTime = now }, ct).ConfigureAwait(false);
        }

        return entry;
    }

    private static LogicalException RoleCidrsRefused() => LogicalException.BadRequest("source address unauthorized by CIDR restrictions on the role");
}
