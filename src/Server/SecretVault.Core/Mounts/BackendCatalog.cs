using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>The plugin factories found by type name from DI; two factories with one name fail at start-up.</summary>
public sealed class BackendCatalog
{
    private readonly Dictionary<string, ILogicalBackendFactory> _factories = new(StringComparer.Ordinal);

    public BackendCatalog(IEnumerable<ILogicalBackendFactory> factories)
    {
        foreach (var factory in factories)
        {
            if (!_factories.TryAdd(factory.Type, factory))
            {
                throw new InvalidOperationException($"two backends are registered with the type \"{factory.Type}\"");
            }
        }
    }

    /// <summary>The factory for <paramref name="type"/> of the given kind, or null.</summary>
    public ILogicalBackendFactory? Find(string type, BackendKind kind) =>
        _factories.TryGetValue(type, out var factory) && factory.Kind == kind ? factory : null;
}
