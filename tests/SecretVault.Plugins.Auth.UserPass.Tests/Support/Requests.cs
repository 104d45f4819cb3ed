using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Auth.UserPass.Tests.Support;

/// <summary>Routed requests to the userpass mount under test.</summary>
internal static class Requests
{
    public static LogicalRequest Make(IStorage storage, Operation operation, string path, object? data = null, string? remoteAddress = "127.0.0.1") =>
        PluginRequests.Make(storage, "auth/userpass/", operation, path, data, remoteAddress);
}
