using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>The mount tables and their running backends at one moment; replaced whole on every change.</summary>
public sealed class MountTableSnapshot
{
    public MountTableSnapshot(IReadOnlyList<MountEntry> secrets, IReadOnlyList<MountEntry> auth, IReadOnlyDictionary<string, MountedBackend> backends, long generation)
    {
        Secrets = secrets;
        Auth = auth;
        Backends = backends;
        Generation = generation;
    }

    /// <summary>No mounts and no table loaded (sealed).</summary>
    public static MountTableSnapshot Empty { get; } = new([], [], new Dictionary<string, MountedBackend>(), 0);

    public IReadOnlyList<MountEntry> Secrets { get; }

    public IReadOnlyList<MountEntry> Auth { get; }

    /// <summary>Running backends by mount UUID.</summary>
    public IReadOnlyDictionary<string, MountedBackend> Backends { get; }

    /// <summary>The load these tables descend from (see <see cref="MountTableStore.LoadAsync"/>); 0 when none was loaded.</summary>
    public long Generation { get; }

    /// <summary>The table of <paramref name="kind"/>.</summary>
    public IReadOnlyList<MountEntry> Table(BackendKind kind) => kind == BackendKind.Auth ? Auth : Secrets;

    /// <summary>The mount at exactly <paramref name="path"/> (ending in '/') in the table of <paramref name="kind"/>.</summary>
    public MountEntry? Find(BackendKind kind, string path) => Table(kind).FirstOrDefault(m => m.Path == path);

    /// <summary>The mount with <paramref name="uuid"/> in either table.</summary>
    public MountEntry? FindByUuid(string uuid) => Secrets.Concat(Auth).FirstOrDefault(m => m.Uuid == uuid);

    /// <summary>A copy with one table replaced and, optionally, one backend added, replaced or (null) removed.</summary>
    public MountTableSnapshot With(BackendKind kind, IReadOnlyList<MountEntry> table, string? uuid = null, MountedBackend? backend = null)
    {
        var backends = new Dictionary<string, MountedBackend>(Backends, StringComparer.Ordinal);
        if (uuid is not null)
        {
            if (backend is null)
            {
                backends.Remove(uuid);
            }
            else
            {
                backends[uuid] = backend;
            }
        }

        return kind == BackendKind.Auth ? new(Secrets, table, backends, Generation) : new(table, Auth, backends, Generation);
    }
}
