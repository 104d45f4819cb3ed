using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>Creates the <c>approle</c> auth method: machine logins with a role ID and a secret ID.</summary>
public sealed class AppRoleBackendFactory : ILogicalBackendFactory
{
    /// <inheritdoc />
    public string Type => "approle";

    /// <inheritdoc />
    public BackendKind Kind => BackendKind.Auth;

    /// <inheritdoc />
    public ILogicalBackend Create(BackendContext context) => new AppRoleBackend(context);
}
