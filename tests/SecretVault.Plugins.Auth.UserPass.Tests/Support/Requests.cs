using System.Text.Json;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.UserPass.Tests.Support;

/// <summary>Builds routed requests as the core hands them to a backend: mount-relative path, JSON data, the mount's storage.</summary>
internal static class Requests
{
    public static LogicalRequest Make(IStorage storage, Operation operation, string path, object? data = null, string? remoteAddress = "127.0.0.1") => new()
    {
        Id = Guid.NewGuid().ToString(),
        Operation = operation,
        Path = path,
        MountPoint = "auth/userpass/",
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
