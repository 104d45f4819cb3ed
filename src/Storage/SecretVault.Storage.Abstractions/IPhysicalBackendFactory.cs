namespace SecretVault.Storage.Abstractions;

/// <summary>Creates a physical backend of one storage type ("inmem", "file", "postgresql") from its configuration.</summary>
public interface IPhysicalBackendFactory
{
    /// <summary>The storage type name as written in the configuration file.</summary>
    string Type { get; }

    /// <summary>The configuration keys this backend accepts; any other key is refused at start-up.</summary>
    IReadOnlySet<string> ConfigKeys { get; }

    /// <summary>Creates the backend; throws <see cref="ArgumentException"/> naming the key when the configuration is invalid.</summary>
    IPhysicalBackend Create(IReadOnlyDictionary<string, string> config);
}
