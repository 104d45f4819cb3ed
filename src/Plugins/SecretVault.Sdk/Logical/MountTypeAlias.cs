namespace SecretVault.Sdk.Logical;

/// <summary>
/// Another type name a mount may be enabled with, served by the factory that declares it in
/// <see cref="ILogicalBackendFactory.Aliases"/>. Vault's <c>kv-v2</c> is stored as <c>kv</c> with
/// <c>version=2</c>; its <c>generic</c> stays <c>generic</c> in the mount table.
/// </summary>
public sealed record MountTypeAlias
{
    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    /// <summary>The name a client may send as the mount's type.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// True when the mount table keeps <see cref="Name"/> as the mount's type (it shows in <c>sys/mounts</c> and its
    /// accessor); false when the mount is stored under the factory's own type.
    /// </summary>
    public bool KeepsName { get; init; }

    /// <summary>Options the alias sets on the new mount, replacing the request's value of the same key.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = NoOptions;
}
