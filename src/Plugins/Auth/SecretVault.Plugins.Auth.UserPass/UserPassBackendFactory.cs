using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>Creates the <c>userpass</c> auth method: users with bcrypt-hashed passwords and the common token settings.</summary>
public sealed class UserPassBackendFactory : ILogicalBackendFactory
{
    /// <inheritdoc />
    public string Type => "userpass";

    /// <inheritdoc />
    public BackendKind Kind => BackendKind.Auth;

    /// <inheritdoc />
    public ILogicalBackend Create(BackendContext context) => new UserPassBackend();
}
