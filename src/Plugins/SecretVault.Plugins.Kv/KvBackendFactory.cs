using SecretVault.Plugins.Kv.V2;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv;

/// <summary>Creates the <c>kv</c> secrets engine; <c>options.version</c> selects v1 (default) or v2.</summary>
public sealed class KvBackendFactory : ILogicalBackendFactory
{
    /// <inheritdoc />
    public string Type => "kv";

    /// <inheritdoc />
    public BackendKind Kind => BackendKind.Secret;

    /// <inheritdoc />
    public ILogicalBackend Create(BackendContext context)
    {
        var version = context.Options.TryGetValue("version", out var v) && v.Length > 0 ? v : "1";
        return version switch
        {
            "1" => new KvV1Backend(),
            "2" => new KvV2Backend(context.Time),
            _ => throw LogicalException.BadRequest($"invalid kv version \"{version}\": must be 1 or 2"),
        };
    }
}
