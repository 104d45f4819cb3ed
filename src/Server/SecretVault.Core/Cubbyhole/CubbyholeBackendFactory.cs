using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Cubbyhole;

/// <summary>Serves the one <c>cubbyhole/</c> mount.</summary>
public sealed class CubbyholeBackendFactory : ILogicalBackendFactory
{
    private readonly CubbyholeBackend _backend;

    public CubbyholeBackendFactory(CubbyholeBackend backend)
    {
        _backend = backend;
    }

    public string Type => MountTypes.Cubbyhole;

    public BackendKind Kind => BackendKind.Secret;

    public ILogicalBackend Create(BackendContext context) => _backend;
}
