using SecretVault.Sdk.Logical;

namespace SecretVault.Testing.Plugins.Leased;

/// <summary>Makes <c>secrets enable leased-test</c> available in a test host.</summary>
public sealed class LeasedSecretsBackendFactory : ILogicalBackendFactory
{
    public const string TypeName = "leased-test";

    public string Type => TypeName;

    public BackendKind Kind => BackendKind.Secret;

    public ILogicalBackend Create(BackendContext context) => new LeasedSecretsBackend(context.Time);
}
