using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Routing;

/// <summary>
/// Finds the backend for a path. Requests read the current <see cref="RouteTableSnapshot"/> without
/// locks; mounting and unmounting publish a new snapshot atomically.
/// </summary>
public sealed class Router
{
    // Null once a seal unpublished the table: a request the seal caught mid-way is then answered sealed rather than
    // "no handler for route" for a mount that exists.
    private RouteTableSnapshot? _snapshot = RouteTableSnapshot.Empty;

    /// <summary>The table requests are routed with (empty while none is published).</summary>
    public RouteTableSnapshot Snapshot => Volatile.Read(ref _snapshot) ?? RouteTableSnapshot.Empty;

    /// <summary>Replaces the table.</summary>
    public void Publish(RouteTableSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);

    /// <summary>Withdraws the table at seal: routing answers sealed until the next <see cref="Publish"/>.</summary>
    public void Unpublish() => Volatile.Write(ref _snapshot, null);

    /// <summary>The longest mount for <paramref name="path"/>, or null; throws sealed while no table is published.</summary>
    public RouteMatch? Route(string path) => (Volatile.Read(ref _snapshot) ?? throw LogicalException.Sealed()).Match(path);
}
