using System.Security.Cryptography;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>
/// <c>login/:username</c>: checks the password and returns the user's <see cref="AuthResult"/>. Every
/// failure (unknown user, malformed name, wrong password) gives the same 400 after the same bcrypt work.
/// </summary>
internal sealed class LoginPaths
{
    private const string InvalidCredentials = "invalid username or password";

    private readonly PasswordHasher _hasher;

    private LoginPaths(PasswordHasher hasher)
    {
        _hasher = hasher;
    }

    public static PathDefinition[] Create(UserPassBackend backend)
    {
        var paths = new LoginPaths(backend.Hasher);
        return
        [
            new PathDefinition
            {
                Pattern = "login/(?<username>[^/]+)",
                Fields = new Dictionary<string, FieldSchema>
                {
                    ["username"] = new(FieldType.String, "The username."),
                    ["password"] = new(FieldType.String, "The password."),
                },
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.LoginAsync },

                // The same normalisation as the login's own: Alice, alice and " alice" share one lockout counter.
                LoginAlias = (request, data) => UserNames.TryNormalize(data.GetString("username"), out var name) ? name : null,
                HelpSynopsis = "Log in with a username and password.",
            },
        ];
    }

    private async Task<LogicalResponse?> LoginAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var password = SecretField.GetUtf8(data, "password");
        if (password is null || password.Length == 0)
        {
            throw LogicalException.BadRequest("missing password");
        }

        string name;
        UserEntry? user;
        try
        {
            // A malformed name is answered as an unknown user: no storage lookup, but the same bcrypt work.
            user = UserNames.TryNormalize(data.GetString("username"), out name)
                ? await UserStorage.GetAsync(request.RequiredStorage, name, ct).ConfigureAwait(false)
                : null;
            if (!_hasher.Verify(user?.PasswordHash, password) || user is null)
            {
                throw LogicalException.InvalidCredentials(InvalidCredentials);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }

        // As Vault, the token's CIDR binding also applies to the login itself; checked only after the
        // password so that it reveals nothing about unknown users.
        if (!BoundCidrs.Allow(user.Token.TokenBoundCidrs, request.RemoteAddress))
        {
            throw LogicalException.PermissionDenied();
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["username"] = name };
        return new LogicalResponse { Auth = TokenFields.ToAuthResult(user.Token, aliasName: name, metadata, displayName: name) };
    }
}
