using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Mounts;

/// <summary>
/// Reads and writes a mount table as one barrier entry, so every change is a single atomic put. A table is written
/// only on top of the tables loaded since the last unseal: a write built on anything else (an empty table before the
/// load, a table from before a seal) would drop every mount it does not know.
/// </summary>
public sealed class MountTableStore
{
    private readonly IStorage _barrier;
    private long _lastGeneration;
    private long _loaded;

    public MountTableStore(IStorage barrier)
    {
        _barrier = barrier;
    }

    /// <summary>Reads both tables (empty before init) and returns them with a new generation that writes must name.</summary>
    public async Task<(IReadOnlyList<MountEntry> Secrets, IReadOnlyList<MountEntry> Auth, long Generation)> LoadAsync(CancellationToken ct)
    {
        var secrets = await ReadAsync(BackendKind.Secret, ct).ConfigureAwait(false) ?? [];
        var auth = await ReadAsync(BackendKind.Auth, ct).ConfigureAwait(false) ?? [];
        var generation = Interlocked.Increment(ref _lastGeneration);
        Volatile.Write(ref _loaded, generation);
        return (secrets, auth, generation);
    }

    /// <summary>Forgets the load (at seal): no table is written again until the next <see cref="LoadAsync"/>.</summary>
    public void Forget() => Volatile.Write(ref _loaded, 0);

    /// <summary>Replaces the table of <paramref name="kind"/> with one built on the tables of load <paramref name="basedOn"/>.</summary>
    public Task WriteAsync(BackendKind kind, IReadOnlyList<MountEntry> table, long basedOn, CancellationToken ct)
    {
        if (basedOn == 0 || basedOn != Volatile.Read(ref _loaded))
        {
            throw LogicalException.Sealed();
        }

        return _barrier.PutJsonAsync(KeyOf(kind), table, ct);
    }

    private Task<List<MountEntry>?> ReadAsync(BackendKind kind, CancellationToken ct) => _barrier.GetJsonAsync<List<MountEntry>>(KeyOf(kind), ct);

    private static string KeyOf(BackendKind kind) => kind == BackendKind.Auth ? "core/auth" : "core/mounts";
}
