using SecretVault.Core.Routing;

namespace SecretVault.Core.Mounts;

/// <summary>
/// The mount tables as requests see them: one snapshot and the route table made from it, replaced together. A change
/// publishing its snapshot and a seal unpublishing exclude each other, so a change that finishes after a seal began
/// never publishes its routes again.
/// </summary>
public sealed class MountTablePublisher
{
    private readonly Router _router;
    private readonly Lock _lock = new();
    private MountTableSnapshot _snapshot = MountTableSnapshot.Empty;

    public MountTablePublisher(Router router)
    {
        _router = router;
    }

    /// <summary>The published snapshot; <see cref="MountTableSnapshot.Empty"/> while sealed.</summary>
    public MountTableSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>
    /// Publishes <paramref name="next"/> in place of <paramref name="expected"/> and starts the initialize step of its
    /// new backends. If a seal replaced <paramref name="expected"/> meanwhile, the change is stored (the next load reads
    /// it) but nothing is published. Returns the backends that no longer run, for the caller to unload.
    /// </summary>
    public IReadOnlyList<LoadedBackend> Publish(MountTableSnapshot expected, MountTableSnapshot next)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(Volatile.Read(ref _snapshot), expected))
            {
                return Dropped(next, expected);
            }

            Volatile.Write(ref _snapshot, next);
            _router.Publish(new RouteTableSnapshot(next.Secrets.Concat(next.Auth)
                .Where(m => next.Backends.ContainsKey(m.Uuid))
                .Select(m => new RouteEntry(m.RoutePath, next.Backends[m.Uuid].Backend, next.Backends[m.Uuid].Storage, m))));
        }

        foreach (var running in next.Backends.Values)
        {
            running.Backend.StartInitialize(running.Storage);
        }

        return Dropped(expected, next);
    }

    /// <summary>Withdraws the tables at seal; returns the backends that ran, for the caller to unload.</summary>
    public IReadOnlyList<LoadedBackend> Unpublish()
    {
        MountTableSnapshot previous;
        lock (_lock)
        {
            previous = Interlocked.Exchange(ref _snapshot, MountTableSnapshot.Empty);
            _router.Unpublish();
        }

        return Dropped(previous, MountTableSnapshot.Empty);
    }

    /// <summary>Unloads <paramref name="backends"/> together; never throws (see <see cref="LoadedBackend.UnloadAsync"/>).</summary>
    public static Task UnloadAsync(IEnumerable<LoadedBackend> backends) =>
        Task.WhenAll(backends.Select(b => b.UnloadAsync(CancellationToken.None).AsTask()));

    // The backends of previous that kept does not run.
    private static List<LoadedBackend> Dropped(MountTableSnapshot previous, MountTableSnapshot kept)
    {
        var running = kept.Backends.Values.Select(b => b.Backend).ToHashSet(ReferenceEqualityComparer.Instance);
        return [.. previous.Backends.Values.Select(b => b.Backend).Where(b => !running.Contains(b))];
    }
}
