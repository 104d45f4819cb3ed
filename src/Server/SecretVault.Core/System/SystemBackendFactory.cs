using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>Gives the <c>sys/</c> mount its backend (there is one sys/ backend, mounted once at init).</summary>
public sealed class SystemBackendFactory : ILogicalBackendFactory
{
    private readonly Func<SystemBackend> _backend;

    public SystemBackendFactory(Func<SystemBackend> backend)
    {
        _backend = backend;
    }

    /// <inheritdoc />
    public string Type => MountTypes.System;

    /// <inheritdoc />
    public BackendKind Kind => BackendKind.Secret;

    /// <inheritdoc />
    public ILogicalBackend Create(BackendContext context) => _backend();
}
