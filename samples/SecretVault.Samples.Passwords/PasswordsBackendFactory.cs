using SecretVault.Sdk.Logical;

namespace SecretVault.Samples.Passwords;

/// <summary>Creates the sample <c>passwords</c> secrets engine (see docs/architecture.md, "Writing a secrets engine").</summary>
public sealed class PasswordsBackendFactory : ILogicalBackendFactory
{
    /// <inheritdoc />
    public string Type => "passwords";

    /// <inheritdoc />
    public BackendKind Kind => BackendKind.Secret;

    /// <inheritdoc />
    public ILogicalBackend Create(BackendContext context) => new PasswordsBackend();
}
