using SecretVault.Storage.Abstractions;

namespace SecretVault.Storage.File;

/// <summary>Creates <see cref="FileBackend"/> for <c>storage: {file: {path: ...}}</c>.</summary>
public sealed class FileBackendFactory : IPhysicalBackendFactory
{
    /// <inheritdoc />
    public string Type => "file";

    /// <inheritdoc />
    public IReadOnlySet<string> ConfigKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "path" };

    /// <inheritdoc />
    public IPhysicalBackend Create(IReadOnlyDictionary<string, string> config)
    {
        if (!config.TryGetValue("path", out var path) || string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("the setting \"path\" is required: the folder that holds the data");
        }

        return new FileBackend(path);
    }
}
