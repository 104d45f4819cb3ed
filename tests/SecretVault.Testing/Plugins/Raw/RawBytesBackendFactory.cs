using SecretVault.Sdk.Logical;

namespace SecretVault.Testing.Plugins.Raw;

/// <summary>Makes <c>secrets enable raw-test</c> available in a test host.</summary>
public sealed class RawBytesBackendFactory : ILogicalBackendFactory
{
    public const string TypeName = "raw-test";

    public string Type => TypeName;

    public BackendKind Kind => BackendKind.Secret;

    public ILogicalBackend Create(BackendContext context) => new RawBytesBackend();
}
