using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tokens;

/// <summary>Serves the <c>token</c> auth mount with the one token backend.</summary>
public sealed class TokenBackendFactory : ILogicalBackendFactory
{
    private readonly TokenBackend _backend;

    public TokenBackendFactory(TokenBackend backend)
    {
        _backend = backend;
    }

    public string Type => MountTypes.Token;

    public BackendKind Kind => BackendKind.Auth;

    public ILogicalBackend Create(BackendContext context) => _backend;
}
