using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit;

/// <summary>Creates the <c>transit</c> secrets engine.</summary>
public sealed class TransitBackendFactory : ILogicalBackendFactory
{
    /// <inheritdoc />
    public string Type => "transit";

    /// <inheritdoc />
    public BackendKind Kind => BackendKind.Secret;

    /// <inheritdoc />
    public ILogicalBackend Create(BackendContext context) => new TransitBackend(context.Time);
}
