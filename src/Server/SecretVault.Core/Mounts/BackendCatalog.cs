using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>
/// The plugin factories found by type name from DI, with the aliases each declares; two factories (or aliases) with
/// one name fail at start-up. The rules of a type's options are its factory's, so the core knows no engine's options.
/// </summary>
public sealed class BackendCatalog
{
    private readonly Dictionary<string, ILogicalBackendFactory> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ILogicalBackendFactory Factory, MountTypeAlias Alias)> _aliases = new(StringComparer.Ordinal);

    public BackendCatalog(IEnumerable<ILogicalBackendFactory> factories)
    {
        var all = factories.ToList();
        foreach (var factory in all)
        {
            if (!_factories.TryAdd(factory.Type, factory))
            {
                throw new InvalidOperationException($"two backends are registered with the type \"{factory.Type}\"");
            }
        }

        foreach (var factory in all)
        {
            foreach (var alias in factory.Aliases)
            {
                if (_factories.ContainsKey(alias.Name) || !_aliases.TryAdd(alias.Name, (factory, alias)))
                {
                    throw new InvalidOperationException($"two backends are registered with the type \"{alias.Name}\"");
                }
            }
        }
    }

    /// <summary>The factory for <paramref name="type"/> (or an alias of it) of the given kind, or null.</summary>
    public ILogicalBackendFactory? Find(string type, BackendKind kind) =>
        FindAnyKind(type) is { } factory && factory.Kind == kind ? factory : null;

    /// <summary>
    /// The type and options a new mount of <paramref name="type"/> is stored with: an alias resolved and its options
    /// applied, then checked by the type's factory. A type no factory serves is checked by the default rule and left
    /// as it is; creating its backend then fails.
    /// </summary>
    public (string Type, IReadOnlyDictionary<string, string>? Options) ResolveEnable(string type, IReadOnlyDictionary<string, string>? options)
    {
        if (_aliases.TryGetValue(type, out var aliased))
        {
            var (factory, alias) = aliased;
            type = alias.KeepsName ? alias.Name : factory.Type;
            if (alias.Options.Count > 0)
            {
                var merged = new Dictionary<string, string>(options ?? new Dictionary<string, string>());
                foreach (var (key, value) in alias.Options)
                {
                    merged[key] = value;
                }

                options = merged;
            }
        }

        var change = new MountOptionsChange { Type = type, IsEnable = true, Requested = options };
        return (type, FindAnyKind(type) is { } owner ? owner.NormalizeOptions(change) : MountOptionRules.RefuseVersion(change));
    }

    /// <summary>The options a tune stores for <paramref name="mount"/> when it asks for <paramref name="requested"/>, as its factory rules.</summary>
    public IReadOnlyDictionary<string, string>? CheckTune(MountEntry mount, IReadOnlyDictionary<string, string> requested)
    {
        var change = new MountOptionsChange { Type = mount.Type, IsEnable = false, Current = mount.Options ?? new Dictionary<string, string>(), Requested = requested };
        return FindAnyKind(mount.Type) is { } factory ? factory.NormalizeOptions(change) : MountOptionRules.RefuseVersion(change);
    }

    // Type names are unique across kinds, so a name finds at most one factory whatever the table.
    private ILogicalBackendFactory? FindAnyKind(string type) =>
        _factories.GetValueOrDefault(type) ?? (_aliases.TryGetValue(type, out var aliased) ? aliased.Factory : null);
}
