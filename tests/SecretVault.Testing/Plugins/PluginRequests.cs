using System.Text.Json;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Testing.Plugins;

/// <summary>Builds routed requests as the core hands them to a backend: mount-relative path, JSON data, the mount's storage.</summary>
public static class PluginRequests
{
    public static LogicalRequest Make(IStorage storage, string mountPoint, Operation operation, string path, object? data = null, string? remoteAddress = "127.0.0.1") => new()
    {
        Id = Guid.NewGuid().ToString(),
        Operation = operation,
        Path = path,
        MountPoint = mountPoint,
        Data = data switch
        {
            null => new Dictionary<string, JsonElement>(),
            string json => Parse(json),
            _ => Parse(JsonSerializer.Serialize(data)),
        },
        RemoteAddress = remoteAddress,
        Storage = storage,
    };

    /// <summary>Parses a JSON object body the way the HTTP layer does: one element per top-level member.</summary>
    public static Dictionary<string, JsonElement> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }
}
