using System.Security.Cryptography;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>The <c>users/</c> paths: list, create/update/read/delete a user, set a password, set policies.</summary>
internal sealed class UsersPaths
{
    private static readonly FieldSchema Username = new(FieldType.String, "The username; case-insensitive.");
    private static readonly FieldSchema Password = new(FieldType.String, "The password; never returned.");
    private static readonly FieldSchema PasswordHash = new(FieldType.String, "A bcrypt hash (cost 5 to 12) to store instead of a password.");

    private readonly PasswordHasher _hasher;

    // User writes are read-modify-write and rare; one lock per mount keeps concurrent updates from losing fields.
    private readonly SemaphoreSlim _writeLock;

    private UsersPaths(PasswordHasher hasher, SemaphoreSlim writeLock)
    {
        _hasher = hasher;
        _writeLock = writeLock;
    }

    public static PathDefinition[] Create(UserPassBackend backend)
    {
        var paths = new UsersPaths(backend.Hasher, backend.WriteLock);
        return
        [
            new PathDefinition
            {
                Pattern = "users/?",
                Operations = new Dictionary<Operation, PathHandler> { [Operation.List] = ListAsync },
                HelpSynopsis = "List the users of this auth method.",
            },
            new PathDefinition
            {
                Pattern = "users/(?<username>[^/]+)",
                Fields = TokenFields.With(new Dictionary<string, FieldSchema>
                {
                    ["username"] = Username,
                    ["password"] = Password,
                    ["password_hash"] = PasswordHash,
                }),
                ExistenceCheck = ExistsAsync,
                Operations = new Dictionary<Operation, PathHandler>
                {
                    [Operation.Create] = paths.WriteAsync,
                    [Operation.Update] = paths.WriteAsync,
                    [Operation.Read] = ReadAsync,
                    [Operation.Delete] = DeleteAsync,
                },
                HelpSynopsis = "Manage a user: its password and the settings of the tokens it receives at login.",
                HelpDescription = "A password is required when the user is created. Reads return the token_* settings, never the password.",
            },
            new PathDefinition
            {
                Pattern = "users/(?<username>[^/]+)/password",
                Fields = new Dictionary<string, FieldSchema> { ["username"] = Username, ["password"] = Password, ["password_hash"] = PasswordHash },
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.SetPasswordAsync },
                HelpSynopsis = "Change a user's password.",
            },
            new PathDefinition
            {
                Pattern = "users/(?<username>[^/]+)/policies",
                Fields = new Dictionary<string, FieldSchema>
                {
                    ["username"] = Username,
                    ["token_policies"] = TokenFields.Schema["token_policies"],
                    ["policies"] = TokenFields.Schema["policies"],
                },
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.SetPoliciesAsync },
                HelpSynopsis = "Change the policies of a user's tokens.",
            },
        ];
    }

    private static async Task<bool> ExistsAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        UserNames.TryNormalize(data.GetString("username"), out var name)
        && await UserStorage.GetAsync(request.RequiredStorage, name, ct).ConfigureAwait(false) is not null;

    private static async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        LogicalResponse.List(await UserStorage.ListAsync(request.RequiredStorage, ct).ConfigureAwait(false));

    private static async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var name = UserNames.Normalize(data.GetString("username"));
        var entry = await UserStorage.GetAsync(request.RequiredStorage, name, ct).ConfigureAwait(false);
        return entry is null ? null : LogicalResponse.WithData(TokenFields.ToResponseData(entry.Token));
    }

    private static async Task<LogicalResponse?> DeleteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var name = UserNames.Normalize(data.GetString("username"));
        await UserStorage.DeleteAsync(request.RequiredStorage, name, ct).ConfigureAwait(false);
        return null;
    }

    private Task<LogicalResponse?> WriteAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        UpdateUserAsync(request, data, existing =>
        {
            // Validate the cheap fields before paying for bcrypt.
            var token = TokenFields.Parse(data, existing?.Token);
            var hash = NewHash(data) ?? existing?.PasswordHash ?? throw LogicalException.BadRequest("missing password");
            return new UserEntry { PasswordHash = hash, Token = token };
        }, ct);

    private Task<LogicalResponse?> SetPasswordAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        UpdateUserAsync(request, data, existing =>
        {
            var user = existing ?? throw LogicalException.BadRequest("username does not exist");
            return user with { PasswordHash = NewHash(data) ?? throw LogicalException.BadRequest("missing password") };
        }, ct);

    private Task<LogicalResponse?> SetPoliciesAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        UpdateUserAsync(request, data, existing =>
        {
            var user = existing ?? throw LogicalException.BadRequest("username does not exist");
            var field = data.Has("token_policies") ? "token_policies" : data.Has("policies") ? "policies" : null;
            if (field is null)
            {
                throw LogicalException.BadRequest("missing token_policies");
            }

            var token = user.Token with
            {
                TokenPolicies = TokenFields.CanonicalPolicies(field, data.GetStrings(field)),
                PoliciesAliasSet = data.Has("policies"),
            };
            return user with { Token = token };
        }, ct);

    private async Task<LogicalResponse?> UpdateUserAsync(LogicalRequest request, FieldData data, Func<UserEntry?, UserEntry> change, CancellationToken ct)
    {
        var name = UserNames.Normalize(data.GetString("username"));
        var storage = request.RequiredStorage;
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var existing = await UserStorage.GetAsync(storage, name, ct).ConfigureAwait(false);
            await UserStorage.PutAsync(storage, name, change(existing), ct).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        return null;
    }

    private string? NewHash(FieldData data)
    {
        var hasPassword = data.Has("password");
        if (data.Has("password_hash"))
        {
            if (hasPassword)
            {
                throw LogicalException.BadRequest("only one of password and password_hash may be given");
            }

            var imported = data.GetString("password_hash");
            return PasswordHasher.IsImportableHash(imported)
                ? imported
                : throw LogicalException.BadRequest("invalid value for field \"password_hash\": expected a bcrypt hash of cost 5 to 12");
        }

        if (!hasPassword)
        {
            return null;
        }

        var password = SecretField.GetUtf8(data, "password") ?? [];
        try
        {
            return _hasher.Hash(password);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }
}
