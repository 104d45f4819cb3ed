namespace SecretVault.Storage.Abstractions.InMemory;

/// <summary>Creates <see cref="InMemoryBackend"/> for <c>storage: {inmem: {}}</c>.</summary>
public sealed class InMemoryBackendFactory : IPhysicalBackendFactory
{
    /// <inheritdoc />
    public string Type => "inmem";

    /// <inheritdoc />
    public IReadOnlySet<string> ConfigKeys { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <inheritdoc />
    public IPhysicalBackend Create(IReadOnlyDictionary<string, string> config) => new InMemoryBackend();
}
