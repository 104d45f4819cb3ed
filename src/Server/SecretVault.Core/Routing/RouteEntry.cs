using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Routing;

/// <summary>One mounted backend in the route table.</summary>
public sealed record RouteEntry(string MountPoint, ILogicalBackend Backend, IStorage View, MountEntry? Mount = null);
