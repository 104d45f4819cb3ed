namespace SecretVault.Core.Routing;

/// <summary>An immutable route table, longest mount first so the first prefix hit is the longest match.</summary>
public sealed class RouteTableSnapshot
{
    private readonly RouteEntry[] _entries;

    public RouteTableSnapshot(IEnumerable<RouteEntry> entries)
    {
        _entries = [.. entries.OrderByDescending(e => e.MountPoint.Length).ThenBy(e => e.MountPoint, StringComparer.Ordinal)];
    }

    /// <summary>An empty table.</summary>
    public static RouteTableSnapshot Empty { get; } = new([]);

    /// <summary>The mounts in the table.</summary>
    public IReadOnlyList<RouteEntry> Entries => _entries;

    /// <summary>The longest mount that <paramref name="path"/> falls under, or null.</summary>
    public RouteMatch? Match(string path)
    {
        foreach (var entry in _entries)
        {
            // "sys" also routes to "sys/", as a LIST of a mount's root arrives without its trailing slash.
            if (path.StartsWith(entry.MountPoint, StringComparison.Ordinal))
            {
                return new RouteMatch(entry.MountPoint, entry.Backend, entry.View, path[entry.MountPoint.Length..], entry.Mount);
            }

            if (path.Length == entry.MountPoint.Length - 1 && entry.MountPoint.StartsWith(path, StringComparison.Ordinal))
            {
                return new RouteMatch(entry.MountPoint, entry.Backend, entry.View, "", entry.Mount);
            }
        }

        return null;
    }
}
