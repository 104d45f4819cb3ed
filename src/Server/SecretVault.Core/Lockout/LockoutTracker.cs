using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Lockout;

/// <summary>
/// Counts failed logins per auth mount (accessor) and alias, and holds the locks they lead to. Counts live in
/// memory; a lock is also stored behind the barrier, so it outlives a restart or a fail-over. An alias is keyed by
/// its SHA-256, so a long alias costs no more memory than a short one until it is locked.
/// </summary>
public sealed partial class LockoutTracker : ILifecycleParticipant
{
    private const string Prefix = "core/login/lockedUsers/";

    // Counts of aliases that never locked are dropped once stale; a sweep runs when the table has doubled.
    private const int FirstSweepAt = 1024;

    private readonly StorageView _storage;
    private readonly TimeProvider _time;
    private readonly ILogger<LockoutTracker> _log;
    private readonly Lock _gate = new();

    // Storage writes of one tracker are serialised, each writing what memory says at that moment, so a late write
    // can never bring back a lock that an unlock or a success has just removed.
    private readonly SemaphoreSlim _storageLock = new(1, 1);
    private readonly Dictionary<string, AliasState> _aliases = new(StringComparer.Ordinal);
    private int _sweepAt = FirstSweepAt;

    public LockoutTracker(IStorage storage, TimeProvider time, ILogger<LockoutTracker> log)
    {
        _storage = new StorageView(storage, Prefix);
        _time = time;
        _log = log;
    }

    /// <summary>The error a locked alias is answered with, or null when the alias is not locked.</summary>
    public LogicalException? LockedError(string accessor, string alias)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _aliases.TryGetValue(KeyOf(accessor, alias), out var state) && state.ActiveLock(now) is { } locked
                ? LogicalException.InvalidCredentials(locked.Error)
                : null;
        }
    }

    /// <summary>Counts a wrong credential; the one that reaches the threshold locks the alias, answered from then on with <paramref name="error"/>.</summary>
    public async Task RecordFailureAsync(string accessor, string alias, LockoutPolicy policy, string error)
    {
        var now = _time.GetUtcNow();
        var key = KeyOf(accessor, alias);
        IReadOnlyList<string> swept = [];
        var locked = false;
        lock (_gate)
        {
            if (!_aliases.TryGetValue(key, out var state))
            {
                swept = _aliases.Count >= _sweepAt ? Sweep(now) : [];
                state = new AliasState();
                _aliases[key] = state;
            }

            if (now >= state.LastFailure + policy.CounterReset)
            {
                state.Failures = 0;
            }

            state.Failures++;
            state.LastFailure = now;
            if (state.Failures >= policy.Threshold)
            {
                locked = true;
                state.Lock = new LockedUserEntry { MountAccessor = accessor, Alias = alias, LockedAt = now, LockedUntil = now + policy.Duration, Error = error };
            }

            var countResets = now + policy.CounterReset;
            state.ForgetAt = state.Lock is { } held && held.LockedUntil > countResets ? held.LockedUntil : countResets;
        }

        foreach (var stale in swept)
        {
            await SyncStorageAsync(stale).ConfigureAwait(false);
        }

        if (locked)
        {
            LogLocked(_log, accessor, policy.Threshold);
            await SyncStorageAsync(key).ConfigureAwait(false);
        }
    }

    /// <summary>A successful login starts the alias's count again (and removes a lock that has run out).</summary>
    public async Task RecordSuccessAsync(string accessor, string alias)
    {
        var key = KeyOf(accessor, alias);
        bool stored;
        lock (_gate)
        {
            stored = _aliases.Remove(key, out var state) && state.Stored;
        }

        if (stored)
        {
            await SyncStorageAsync(key).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the alias's lock and count; unlocking an alias that is not locked is not an error.</summary>
    public async Task UnlockAsync(string accessor, string alias, CancellationToken ct)
    {
        var key = KeyOf(accessor, alias);
        lock (_gate)
        {
            _aliases.Remove(key);
        }

        await SyncStorageAsync(key, ct).ConfigureAwait(false);
    }

    /// <summary>The aliases of <paramref name="accessor"/> that are locked now, in order.</summary>
    public IReadOnlyList<string> LockedAliases(string accessor)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return [.. _aliases.Values.Select(s => s.ActiveLock(now)).OfType<LockedUserEntry>()
                .Where(l => l.MountAccessor == accessor).Select(l => l.Alias).Order(StringComparer.Ordinal)];
        }
    }

    /// <inheritdoc />
    public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnUnsealAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        foreach (var folder in await _storage.ListAsync("", ct).ConfigureAwait(false))
        {
            foreach (var name in await _storage.ListAsync(folder, ct).ConfigureAwait(false))
            {
                var key = folder + name;
                var bytes = await _storage.GetAsync(key, ct).ConfigureAwait(false);
                if (bytes is null || StoredJson.Deserialize<LockedUserEntry>(bytes) is not { } entry || now >= entry.LockedUntil)
                {
                    await _storage.DeleteAsync(key, ct).ConfigureAwait(false);
                    continue;
                }

                lock (_gate)
                {
                    _aliases[key] = new AliasState { Lock = entry, Stored = true, LastFailure = entry.LockedAt, ForgetAt = entry.LockedUntil };
                }
            }
        }
    }

    /// <inheritdoc />
    public void OnSeal()
    {
        lock (_gate)
        {
            _aliases.Clear();
            _sweepAt = FirstSweepAt;
        }
    }

    // The storage key and the table key: the accessor, then the alias's SHA-256 (any alias is a safe key segment).
    private static string KeyOf(string accessor, string alias) =>
        accessor + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alias)));

    // Drops every stale entry; returns the keys whose lock may be in storage, to be deleted there too.
    private List<string> Sweep(DateTimeOffset now)
    {
        var stale = _aliases.Where(p => now >= p.Value.ForgetAt).ToList();
        foreach (var (key, _) in stale)
        {
            _aliases.Remove(key);
        }

        _sweepAt = Math.Max(FirstSweepAt, _aliases.Count * 2);
        return [.. stale.Where(p => p.Value.Stored).Select(p => p.Key)];
    }

    // Makes storage hold the alias's lock if memory holds an active one, and nothing otherwise.
    private async Task SyncStorageAsync(string key, CancellationToken ct = default)
    {
        await _storageLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            LockedUserEntry? wanted;
            lock (_gate)
            {
                var state = _aliases.GetValueOrDefault(key);
                wanted = state?.ActiveLock(_time.GetUtcNow());
                if (state is not null)
                {
                    // Marked before the write: a success that removes the entry meanwhile will delete what is written.
                    state.Stored = wanted is not null;
                }
            }

            if (wanted is null)
            {
                await _storage.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _storage.PutAsync(key, StoredJson.Serialize(wanted), CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _storageLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: user lockout: an alias of auth mount {MountAccessor} is locked after {Threshold} failed logins; see sys/locked-users")]
    private static partial void LogLocked(ILogger logger, string mountAccessor, int threshold);

    // Mutable, and only touched under the tracker's gate.
    private sealed class AliasState
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; } = DateTimeOffset.MinValue;

        /// <summary>When the entry is of no more use: its count has reset and its lock has run out.</summary>
        public DateTimeOffset ForgetAt { get; set; }

        public LockedUserEntry? Lock { get; set; }

        /// <summary>True when storage may hold <see cref="Lock"/>.</summary>
        public bool Stored { get; set; }

        public LockedUserEntry? ActiveLock(DateTimeOffset now) => Lock is { } entry && now < entry.LockedUntil ? entry : null;
    }
}
