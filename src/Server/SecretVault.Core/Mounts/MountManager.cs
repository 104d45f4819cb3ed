using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SecretVault.Core.Routing;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Mounts;

/// <summary>
/// Owns the secrets and auth mount tables: creates the defaults at init, builds every backend at
/// unseal and publishes the route table; mounts, unmounts, tunes and moves. A change is one atomic
/// table write followed by a new route snapshot, so no failed request leaves a half-made mount. Between a seal and
/// the end of the next load there are no tables: reading or changing them answers sealed, never an empty table.
/// Backends leaving the tables are unloaded (see <see cref="LoadedBackend"/> for their lifecycle).
/// </summary>
public sealed class MountManager : ILifecycleParticipant
{
    private readonly MountTableStore _tables;
    private readonly IStorage _barrier;
    private readonly BackendCatalog _catalog;
    private readonly MountTablePublisher _published;
    private readonly BackendLoader _loader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public MountManager(IStorage barrier, BackendCatalog catalog, Router router, TimeProvider time, VaultOptions options, ILoggerFactory loggers)
    {
        _barrier = barrier;
        _tables = new MountTableStore(barrier);
        _catalog = catalog;
        _published = new MountTablePublisher(router);
        _loader = new BackendLoader(time, options, loggers, uuid => _published.Current.FindByUuid(uuid));
    }

    /// <summary>The current mounts; throws sealed (503) while no table is loaded.</summary>
    public MountTableSnapshot Snapshot => _published.Current is { Generation: not 0 } loaded ? loaded : throw LogicalException.Sealed();

    /// <inheritdoc />
    public async Task OnInitializeAsync(CancellationToken ct)
    {
        List<MountEntry> secrets = [NewEntry(BackendKind.Secret, "sys/", MountTypes.System, "system endpoints used for control, policy and debugging")];
        if (_catalog.Find(MountTypes.Cubbyhole, BackendKind.Secret) is not null)
        {
            secrets.Add(NewEntry(BackendKind.Secret, "cubbyhole/", MountTypes.Cubbyhole, "per-token private secret storage") with { Local = true });
        }

        // The defaults replace whatever an interrupted init left (the seal configuration, written last, says none finished).
        var (_, _, generation) = await _tables.LoadAsync(ct).ConfigureAwait(false);
        await _tables.WriteAsync(BackendKind.Secret, secrets, generation, ct).ConfigureAwait(false);
        await _tables.WriteAsync(BackendKind.Auth, [NewEntry(BackendKind.Auth, "token/", MountTypes.Token, "token based credentials")], generation, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task OnUnsealAsync(CancellationToken ct)
    {
        // A change that began before the last seal finishes first, so the tables read here include it if it was stored.
        IReadOnlyList<LoadedBackend> dropped;
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var (secrets, auth, generation) = await _tables.LoadAsync(ct).ConfigureAwait(false);
            var backends = new Dictionary<string, MountedBackend>(StringComparer.Ordinal);
            foreach (var mount in secrets.Concat(auth))
            {
                // A built-in type whose backend is not registered stays in the table without a route.
                if (mount.Type is MountTypes.System or MountTypes.Token or MountTypes.Cubbyhole && _catalog.Find(mount.Type, mount.Kind) is null)
                {
                    continue;
                }

                backends[mount.Uuid] = StartOrFail(mount);
            }

            dropped = _published.Publish(_published.Current, new MountTableSnapshot(secrets, auth, backends, generation));
        }
        finally
        {
            _writeLock.Release();
        }

        await MountTablePublisher.UnloadAsync(dropped).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void OnSeal()
    {
        _tables.Forget();

        // Not awaited: the seal must not wait for a plugin closing its connections. Unloads never throw.
        _ = MountTablePublisher.UnloadAsync(_published.Unpublish());
    }

    /// <summary>Enables a secrets engine or auth method.</summary>
    public async Task MountAsync(MountRequest request, CancellationToken ct)
    {
        var path = MountPathRules.Normalize(request.Path);
        var (type, options) = NormalizeType(request.Type, request.Options);
        if (type is MountTypes.System or MountTypes.Token or MountTypes.Cubbyhole)
        {
            throw LogicalException.BadRequest($"cannot mount a backend of type \"{type}\": it is built in and mounted once");
        }

        IReadOnlyList<LoadedBackend> dropped;
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
            var backend = Start(entry);
            var table = current.Table(request.Kind).Append(entry).ToList();
            await _tables.WriteAsync(request.Kind, table, current.Generation, ct).ConfigureAwait(false);
            dropped = _published.Publish(current, current.With(request.Kind, table, entry.Uuid, backend));
        }
        finally
        {
            _writeLock.Release();
        }

        await MountTablePublisher.UnloadAsync(dropped).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that the mount at <paramref name="path"/> may be disabled as the tables stand now, and returns it;
    /// callers revoke its leases before <see cref="UnmountAsync"/>, as Vault does, and only once this passed. Null when
    /// nothing is mounted there: Vault answers that disable as a success, so it does not tell whether a mount existed.
    /// </summary>
    public MountEntry? CheckUnmount(BackendKind kind, string path)
    {
        var current = Snapshot;
        return current.Find(kind, MountPathRules.Normalize(path)) is null ? null : MountTargets.ForUnmount(current, kind, path);
    }

    /// <summary>Disables a mount and deletes its data.</summary>
    public async Task UnmountAsync(BackendKind kind, string path, CancellationToken ct)
    {
        MountEntry entry;
        MountedBackend? running;
        IReadOnlyList<LoadedBackend> dropped;
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Snapshot;
            entry = MountTargets.ForUnmount(current, kind, path);
            var table = current.Table(kind).Where(m => m.Uuid != entry.Uuid).ToList();
            await _tables.WriteAsync(kind, table, current.Generation, ct).ConfigureAwait(false);
            running = current.Backends.GetValueOrDefault(entry.Uuid);
            dropped = _published.Publish(current, current.With(kind, table, entry.Uuid, null));
        }
        finally
        {
            _writeLock.Release();
        }

        // No request is routed to the mount any more; those already in its backend finish or fail before the data
        // goes, and its closed storage refuses them after, so nothing lands under the prefix once it is deleted.
        if (running is not null)
        {
            await running.Storage.CloseAsync(ct).ConfigureAwait(false);
        }

        await MountTablePublisher.UnloadAsync(dropped).ConfigureAwait(false);
        await StorageTree.DeleteAsync(new StorageView(_barrier, entry.ViewPrefix), ct).ConfigureAwait(false);
    }

    /// <summary>Replaces a mount's entry (tune): description, config, options.</summary>
    public async Task<MountEntry> UpdateAsync(BackendKind kind, string path, Func<MountEntry, MountEntry> change, CancellationToken ct)
    {
        path = MountPathRules.Normalize(path);
        MountEntry updated;
        IReadOnlyList<LoadedBackend> dropped;
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Snapshot;
            var entry = current.Find(kind, path) ?? throw LogicalException.BadRequest($"no mount found at \"{path}\"");
            updated = change(entry);
            var optionsChanged = !(updated.Options ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal)
                .SequenceEqual((entry.Options ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal));
            var backend = optionsChanged && current.Backends.TryGetValue(updated.Uuid, out var running) ? running with { Backend = CreateBackend(updated) } : null;
            var table = current.Table(kind).Select(m => m.Uuid == entry.Uuid ? updated : m).ToList();
            await _tables.WriteAsync(kind, table, current.Generation, ct).ConfigureAwait(false);
            dropped = _published.Publish(current, backend is null ? current.With(kind, table) : current.With(kind, table, updated.Uuid, backend));
        }
        finally
        {
            _writeLock.Release();
        }

        await MountTablePublisher.UnloadAsync(dropped).ConfigureAwait(false);
        return updated;
    }

    /// <summary>
    /// Checks that <paramref name="from"/> can move to <paramref name="to"/> as the tables stand now, and returns the
    /// mount that would move; callers revoke its leases before <see cref="RemountAsync"/>, as Vault does.
    /// </summary>
    public MountEntry CheckRemount(string from, string to) => MountTargets.ForRemount(Snapshot, from, to).Entry;

    /// <summary>Moves a mount to a new path; its data stays where it is (it is keyed by the mount's UUID).</summary>
    public async Task RemountAsync(string from, string to, CancellationToken ct)
    {
        IReadOnlyList<LoadedBackend> dropped;
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Snapshot;
            var (kind, entry, toPath) = MountTargets.ForRemount(current, from, to);
            var moved = entry with { Path = toPath };

            // The data stays where it is, and so does the storage that requests still in the old backend write through.
            var backend = current.Backends.TryGetValue(moved.Uuid, out var running) ? running with { Backend = CreateBackend(moved) } : Start(moved);
            var table = current.Table(kind).Select(m => m.Uuid == entry.Uuid ? moved : m).ToList();
            await _tables.WriteAsync(kind, table, current.Generation, ct).ConfigureAwait(false);
            dropped = _published.Publish(current, current.With(kind, table, moved.Uuid, backend));
        }
        finally
        {
            _writeLock.Release();
        }

        await MountTablePublisher.UnloadAsync(dropped).ConfigureAwait(false);
    }

    private MountedBackend Start(MountEntry mount) => new(CreateBackend(mount), new MountStorage(_barrier, mount.ViewPrefix));

    // At unseal a mount whose plugin cannot be created is a failed load: it answers 500 and the others are served.
    private MountedBackend StartOrFail(MountEntry mount)
    {
        try
        {
            return Start(mount);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new(_loader.Failed(mount, ex), new MountStorage(_barrier, mount.ViewPrefix));
        }
    }

    private LoadedBackend CreateBackend(MountEntry mount)
    {
        var factory = _catalog.Find(mount.Type, mount.Kind)
            ?? throw LogicalException.BadRequest($"plugin not found in the catalog: {mount.Type}");
        return _loader.Load(mount, factory);
    }

    // The engine's factory resolves its aliases and rules its options; the core only insists on a type.
    private (string Type, IReadOnlyDictionary<string, string>? Options) NormalizeType(string type, IReadOnlyDictionary<string, string>? options) =>
        type.Length == 0 ? throw LogicalException.BadRequest("backend type must be specified as a string") : _catalog.ResolveEnable(type, options);

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
