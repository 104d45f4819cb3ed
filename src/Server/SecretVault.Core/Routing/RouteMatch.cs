using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Routing;

/// <summary>The mount a path falls under: its backend, its storage view and the path relative to it.</summary>
public sealed record RouteMatch(string MountPoint, ILogicalBackend Backend, IStorage View, string RelativePath, MountEntry? Mount = null);
