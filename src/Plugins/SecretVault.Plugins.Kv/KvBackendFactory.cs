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
            _ => throw LogicalException.BadRequest($"unsupported kv version \"{version}\": this server implements version 1 so far"),
        };
    }
}
