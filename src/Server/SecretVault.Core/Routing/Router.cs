namespace SecretVault.Core.Routing;

/// <summary>
/// Finds the backend for a path. Requests read the current <see cref="RouteTableSnapshot"/> without
/// locks; mounting and unmounting publish a new snapshot atomically.
/// </summary>
public sealed class Router
{
    private RouteTableSnapshot _snapshot = RouteTableSnapshot.Empty;

    /// <summary>The table requests are routed with.</summary>
    public RouteTableSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Replaces the table.</summary>
    public void Publish(RouteTableSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);

    /// <summary>The longest mount for <paramref name="path"/>, or null.</summary>
    public RouteMatch? Route(string path) => Snapshot.Match(path);
}
