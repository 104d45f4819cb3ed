using System.Security.Cryptography;
using SecretVault.Core.Routing;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Mounts;

/// <summary>
/// Owns the secrets and auth mount tables: creates the defaults at init, builds every backend at
/// unseal and publishes the route table; mounts, unmounts, tunes and moves. A change is one atomic
/// table write followed by a new route snapshot, so no failed request leaves a half-made mount.
/// </summary>
public sealed class MountManager : ILifecycleParticipant
{
    private readonly MountTableStore _tables;
    private readonly IStorage _barrier;
    private readonly BackendCatalog _catalog;
    private readonly Router _router;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private MountTableSnapshot _snapshot = MountTableSnapshot.Empty;

    public MountManager(IStorage barrier, BackendCatalog catalog, Router router, TimeProvider time)
    {
        _barrier = barrier;
        _tables = new MountTableStore(barrier);
        _catalog = catalog;
        _router = router;
        _time = time;
    }

    /// <summary>The current mounts.</summary>
    public MountTableSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <inheritdoc />
    public async Task OnInitializeAsync(CancellationToken ct)
    {
        List<MountEntry> secrets = [NewEntry(BackendKind.Secret, "sys/", MountTypes.System, "system endpoints used for control, policy and debugging")];
        if (_catalog.Find(MountTypes.Cubbyhole, BackendKind.Secret) is not null)
        {
            secrets.Add(NewEntry(BackendKind.Secret, "cubbyhole/", MountTypes.Cubbyhole, "per-token private secret storage") with { Local = true });
        }

        await _tables.WriteAsync(BackendKind.Secret, secrets, ct).ConfigureAwait(false);
        await _tables.WriteAsync(BackendKind.Auth, [NewEntry(BackendKind.Auth, "token/", MountTypes.Token, "token based credentials")], ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task OnUnsealAsync(CancellationToken ct)
    {
        var secrets = await _tables.ReadAsync(BackendKind.Secret, ct).ConfigureAwait(false) ?? [];
        var auth = await _tables.ReadAsync(BackendKind.Auth, ct).ConfigureAwait(false) ?? [];
        var backends = new Dictionary<string, ILogicalBackend>(StringComparer.Ordinal);
        foreach (var mount in secrets.Concat(auth).Where(m => m.Type != MountTypes.System))
        {
            // A built-in type whose backend is not registered stays in the table without a route.
            if (mount.Type is MountTypes.Token or MountTypes.Cubbyhole && _catalog.Find(mount.Type, mount.Kind) is null)
            {
                continue;
            }

            backends[mount.Uuid] = CreateBackend(mount);
        }

        Publish(new MountTableSnapshot(secrets, auth, backends));
    }

    /// <inheritdoc />
    public void OnSeal() => Publish(MountTableSnapshot.Empty);

    /// <summary>Enables a secrets engine or auth method.</summary>
    public async Task MountAsync(MountRequest request, CancellationToken ct)
    {
        var path = MountPathRules.Normalize(request.Path);
        var (type, options) = NormalizeType(request.Type, request.Options);
        if (type is MountTypes.System or MountTypes.Token or MountTypes.Cubbyhole)
        {
            throw LogicalException.BadRequest($"cannot mount a backend of type \"{type}\": it is built in and mounted once");
        }

        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Snapshot;
            MountPathRules.CheckAvailable(request.Kind, path, current.Table(request.Kind));
            var entry = NewEntry(request.Kind, path, type, request.Description) with
            {
                Config = request.Config,
                Options = options,
                Local = request.Local,
                SealWrap = request.SealWrap,
            };
            var backend = CreateBackend(entry);
            var table = current.Table(request.Kind).Append(entry).ToList();
            await _tables.WriteAsync(request.Kind, table, ct).ConfigureAwait(false);
            Publish(current.With(request.Kind, table, entry.Uuid, backend));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Checks that the mount at <paramref name="path"/> may be disabled as the tables stand now, and returns it;
    /// callers revoke its leases before <see cref="UnmountAsync"/>, as Vault does, and only once this passed. Null when
    /// nothing is mounted there: Vault answers that disable as a success, so it does not tell whether a mount existed.
    /// </summary>
    public MountEntry? CheckUnmount(BackendKind kind, string path)
    {
        var current = Snapshot;
        return current.Find(kind, MountPathRules.Normalize(path)) is null ? null : ResolveUnmount(current, kind, path);
    }

    /// <summary>Disables a mount and deletes its data.</summary>
    public async Task UnmountAsync(BackendKind kind, string path, CancellationToken ct)
    {
        MountEntry entry;
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Snapshot;
            entry = ResolveUnmount(current, kind, path);
            var table = current.Table(kind).Where(m => m.Uuid != entry.Uuid).ToList();
            await _tables.WriteAsync(kind, table, ct).ConfigureAwait(false);
            Publish(current.With(kind, table, entry.Uuid, null));
        }
        finally
        {
            _writeLock.Release();
        }

        await StorageTree.DeleteAsync(new StorageView(_barrier, entry.ViewPrefix), ct).ConfigureAwait(false);
    }

    /// <summary>Replaces a mount's entry (tune): description, config, options.</summary>
    public async Task<MountEntry> UpdateAsync(BackendKind kind, string path, Func<MountEntry, MountEntry> change, CancellationToken ct)
    {
        path = MountPathRules.Normalize(path);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Snapshot;
            var entry = current.Find(kind, path) ?? throw LogicalException.BadRequest($"no mount found at \"{path}\"");
            var updated = change(entry);
            var optionsChanged = !(updated.Options ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal)
                .SequenceEqual((entry.Options ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal));
            var backend = optionsChanged && current.Backends.ContainsKey(updated.Uuid) ? CreateBackend(updated) : null;
            var table = current.Table(kind).Select(m => m.Uuid == entry.Uuid ? updated : m).ToList();
            await _tables.WriteAsync(kind, table, ct).ConfigureAwait(false);
            Publish(backend is null ? current.With(kind, table) : current.With(kind, table, updated.Uuid, backend));
            return updated;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Checks that <paramref name="from"/> can move to <paramref name="to"/> as the tables stand now, and returns the
    /// mount that would move; callers revoke its leases before <see cref="RemountAsync"/>, as Vault does.
    /// </summary>
    public MountEntry CheckRemount(string from, string to) => ResolveRemount(Snapshot, from, to).Entry;

    /// <summary>Moves a mount to a new path; its data stays where it is (it is keyed by the mount's UUID).</summary>
    public async Task RemountAsync(string from, string to, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Snapshot;
            var (kind, entry, toPath) = ResolveRemount(current, from, to);
            var moved = entry with { Path = toPath };
            var backend = CreateBackend(moved);
            var table = current.Table(kind).Select(m => m.Uuid == entry.Uuid ? moved : m).ToList();
            await _tables.WriteAsync(kind, table, ct).ConfigureAwait(false);
            Publish(current.With(kind, table, moved.Uuid, backend));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static MountEntry ResolveUnmount(MountTableSnapshot current, BackendKind kind, string path)
    {
        path = MountPathRules.Normalize(path);
        var entry = current.Find(kind, path) ?? throw LogicalException.BadRequest($"no matching mount at \"{path}\"");
        return MountPathRules.IsProtected(entry) ? throw LogicalException.BadRequest($"cannot unmount \"{path}\"") : entry;
    }

    private static (BackendKind Kind, MountEntry Entry, string ToPath) ResolveRemount(MountTableSnapshot current, string from, string to)
    {
        var kind = from.StartsWith("auth/", StringComparison.Ordinal) ? BackendKind.Auth : BackendKind.Secret;
        if (kind == BackendKind.Auth != to.StartsWith("auth/", StringComparison.Ordinal))
        {
            throw LogicalException.BadRequest("cannot move a mount between the secrets and auth tables");
        }

        var fromPath = MountPathRules.Normalize(kind == BackendKind.Auth ? from["auth/".Length..] : from);
        var toPath = MountPathRules.Normalize(kind == BackendKind.Auth ? to["auth/".Length..] : to);
        var entry = current.Find(kind, fromPath) ?? throw LogicalException.BadRequest($"no matching mount at \"{fromPath}\"");
        if (MountPathRules.IsProtected(entry))
        {
            throw LogicalException.BadRequest($"cannot remount \"{fromPath}\"");
        }

        MountPathRules.CheckAvailable(kind, toPath, current.Table(kind).Where(m => m.Uuid != entry.Uuid));
        return (kind, entry, toPath);
    }

    private void Publish(MountTableSnapshot snapshot)
    {
        var previous = Interlocked.Exchange(ref _snapshot, snapshot);
        _router.Publish(new RouteTableSnapshot(snapshot.Secrets.Concat(snapshot.Auth)
            .Where(m => snapshot.Backends.ContainsKey(m.Uuid))
            .Select(m => new RouteEntry(m.RoutePath, snapshot.Backends[m.Uuid], new StorageView(_barrier, m.ViewPrefix), m))));
        var kept = snapshot.Backends.Values.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var backend in previous.Backends.Values.Where(b => !kept.Contains(b)))
        {
            try
            {
                backend.OnUnloaded();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One backend failing to clean up must not keep the others' keys in memory.
                _ = ex;
            }
        }
    }

    private ILogicalBackend CreateBackend(MountEntry mount)
    {
        var factory = _catalog.Find(MountTypes.PluginOf(mount.Type), mount.Kind)
            ?? throw LogicalException.BadRequest($"plugin not found in the catalog: {mount.Type}");
        return factory.Create(new BackendContext
        {
            MountPoint = mount.RoutePath,
            Options = mount.Options ?? new Dictionary<string, string>(),
            Time = _time,
        });
    }

    private static (string Type, IReadOnlyDictionary<string, string>? Options) NormalizeType(string type, IReadOnlyDictionary<string, string>? options) => type switch
    {
        "kv-v1" => (MountTypes.Kv, new Dictionary<string, string>(options ?? new Dictionary<string, string>()) { ["version"] = "1" }),
        "kv-v2" => (MountTypes.Kv, new Dictionary<string, string>(options ?? new Dictionary<string, string>()) { ["version"] = "2" }),
        "" => throw LogicalException.BadRequest("backend type must be specified as a string"),
        MountTypes.Kv => (type, options),
        _ when options?.ContainsKey("version") == true => throw LogicalException.BadRequest($"secrets engine \"{type}\" does not allow setting a version"),
        _ => (type, options),
    };

    private static MountEntry NewEntry(BackendKind kind, string path, string type, string description) => new()
    {
        Path = path,
        Type = type,
        Kind = kind,
        Description = description,
        Uuid = Guid.NewGuid().ToString(),
        Accessor = (kind == BackendKind.Auth ? $"auth_{type}_" : $"{type}_") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
    };
}
