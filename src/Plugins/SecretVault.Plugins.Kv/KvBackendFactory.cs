using SecretVault.Plugins.Kv.V2;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv;

/// <summary>Creates the <c>kv</c> secrets engine; <c>options.version</c> selects v1 (default) or v2.</summary>
public sealed class KvBackendFactory : ILogicalBackendFactory
{
    private const string Generic = "generic";

    /// <inheritdoc />
    public string Type => "kv";

    /// <inheritdoc />
    public BackendKind Kind => BackendKind.Secret;

    /// <inheritdoc />
    public IReadOnlyList<MountTypeAlias> Aliases { get; } =
    [
        new() { Name = "kv-v1", Options = new Dictionary<string, string> { [MountOptionRules.Version] = "1" } },
        new() { Name = "kv-v2", Options = new Dictionary<string, string> { [MountOptionRules.Version] = "2" } },

        // Vault's old name of kv: the mount table keeps it, and a version 1 backend (no version option) serves it.
        new() { Name = Generic, KeepsName = true },
    ];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? NormalizeOptions(MountOptionsChange change)
    {
        if (change.IsEnable)
        {
            return change.Type == Generic ? MountOptionRules.RefuseVersion(change) : change.Requested;
        }

        // As Vault: once a mount is versioned, a tune cannot turn versioning off again.
        if (change.Current.GetValueOrDefault(MountOptionRules.Version) == "2" && change.Requested?.GetValueOrDefault(MountOptionRules.Version) == "1")
        {
            throw LogicalException.BadRequest("cannot downgrade mount from version 2");
        }

        return change.Requested;
    }

    /// <inheritdoc />
    public ILogicalBackend Create(BackendContext context)
    {
        var version = context.Options.TryGetValue(MountOptionRules.Version, out var v) && v.Length > 0 ? v : "1";
        return version switch
        {
            "1" => new KvV1Backend(),
            "2" => new KvV2Backend(context.Time),
            _ => throw LogicalException.BadRequest($"invalid kv version \"{version}\": must be 1 or 2"),
        };
    }
}
