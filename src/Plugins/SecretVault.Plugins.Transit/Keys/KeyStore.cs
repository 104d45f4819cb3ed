using System.Collections.Concurrent;
using SecretVault.Sdk.Concurrency;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Transit.Keys;

/// <summary>
/// The mount's keys, stored at <c>policy/&lt;name&gt;</c> and cached in memory so an encrypt reads no storage.
/// Changes to one key are serialised by a lock per name (striped); a change is stored before it is cached, so a
/// failed write leaves the old key in force. Reads take no lock.
/// </summary>
internal sealed class KeyStore
{
    private const string PolicyPrefix = "policy/";
    private const int LockStripes = 64;

    private readonly ConcurrentDictionary<string, KeyPolicy> _cache = new(StringComparer.Ordinal);
    private readonly KeyedLock _locks = new(LockStripes);
    private readonly EncryptionLimits _limits;
    private volatile bool _unloaded;
    private int _cacheSize;

    public KeyStore(EncryptionLimits? limits = null)
    {
        _limits = limits ?? EncryptionLimits.Default;
    }

    /// <summary>Keys kept in memory at most; 0 keeps every key used.</summary>
    public int CacheSize
    {
        get => Volatile.Read(ref _cacheSize);
        set => Volatile.Write(ref _cacheSize, value);
    }

    /// <summary>Keys in memory now.</summary>
    public int CachedCount => _cache.Count;

    public async Task<KeyPolicy?> GetAsync(IStorage storage, string name, CancellationToken ct)
    {
        ThrowIfUnloaded();
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        using (await _locks.AcquireAsync(name, ct).ConfigureAwait(false))
        {
            ThrowIfUnloaded();

            // Loaded under the lock so a load racing a change cannot cache the version the change replaced.
            return await LoadAsync(storage, name, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current key (null when absent) under the key's lock and stores the
    /// result; returning null deletes the key, returning the argument changes nothing.
    /// </summary>
    public async Task<KeyPolicy?> UpdateAsync(IStorage storage, string name, Func<KeyPolicy?, KeyPolicy?> change, CancellationToken ct)
    {
        ThrowIfUnloaded();
        using (await _locks.AcquireAsync(name, ct).ConfigureAwait(false))
        {
            // Unload zeroes only while holding every lock, so material read here stays intact until the write is done.
            ThrowIfUnloaded();
            var current = await LoadAsync(storage, name, ct).ConfigureAwait(false);
            var next = change(current);
            if (ReferenceEquals(next, current))
            {
                return current;
            }

            if (next is null)
            {
                await storage.DeleteAsync(PolicyPrefix + name, ct).ConfigureAwait(false);
                _cache.TryRemove(name, out _);
                return null;
            }

            await storage.PutAsync(PolicyPrefix + name, StoredJson.Serialize(next), ct).ConfigureAwait(false);
            Remember(next);
            return next;
        }
    }

    /// <summary>
    /// Counts one encryption by <paramref name="version"/> of <paramref name="policy"/>, reserving a new block in
    /// storage when this process has used its reservation. False when the version has reached its limit.
    /// </summary>
    public async ValueTask<bool> TryCountEncryptionAsync(IStorage storage, KeyPolicy policy, KeyVersion version, CancellationToken ct)
    {
        var counter = version.Counter(policy.ReservedFor(version.Version));
        if (counter.TryTake())
        {
            return true;
        }

        var updated = await UpdateAsync(storage, policy.Name, current =>
        {
            if (current is null || !current.Versions.ContainsKey(version.Version))
            {
                throw LogicalException.BadRequest("encryption key not found");
            }

            var reserved = current.ReservedFor(version.Version);
            if (counter.Used <= reserved || reserved >= _limits.PerVersion)
            {
                // Another request reserved already, or there is nothing left to reserve.
                return current;
            }

            var blocks = (counter.Used - reserved + _limits.Block - 1) / _limits.Block;
            var next = Math.Min(_limits.PerVersion, reserved + (blocks * _limits.Block));
            return current with { EncryptionsReserved = new Dictionary<int, long>(current.EncryptionsReserved.ToDictionary()) { [version.Version] = next } };
        }, ct).ConfigureAwait(false);
        counter.Reserve(updated!.ReservedFor(version.Version));
        return counter.Used <= counter.Reserved;
    }

    public Task<IReadOnlyList<string>> ListAsync(IStorage storage, CancellationToken ct) => storage.ListAsync(PolicyPrefix, ct);

    /// <summary>Throws 503 once the mount was unloaded (sealed), so a request never answers with zeroed keys.</summary>
    public void ThrowIfUnloaded()
    {
        Interlocked.MemoryBarrier();
        if (_unloaded)
        {
            throw LogicalException.Sealed();
        }
    }

    /// <summary>
    /// Forgets and zeroes every cached key; called when the mount leaves the route table. Waits for changes in
    /// progress (each holds its key's lock) so none can store or cache key material after it was zeroed.
    /// </summary>
    public void Unload()
    {
        _unloaded = true;
        Interlocked.MemoryBarrier();
        using (_locks.AcquireAll())
        {
            foreach (var policy in _cache.Values)
            {
                policy.Zero();
            }

            _cache.Clear();
        }
    }

    private async Task<KeyPolicy?> LoadAsync(IStorage storage, string name, CancellationToken ct)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var bytes = await storage.GetAsync(PolicyPrefix + name, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        var policy = StoredJson.Deserialize<KeyPolicy>(bytes) ?? throw new InvalidDataException("empty key entry");
        Remember(policy);
        return policy;
    }

    private void Remember(KeyPolicy policy)
    {
        // Always called under the key's lock: after an unload (which takes every lock) nothing is cached again.
        if (_unloaded)
        {
            policy.Zero();
            return;
        }

        _cache[policy.Name] = policy;
        var limit = CacheSize;
        if (limit > 0 && _cache.Count > limit)
        {
            // Any other key goes; it is reloaded from storage on its next use.
            var victim = _cache.Keys.FirstOrDefault(k => k != policy.Name);
            if (victim is not null)
            {
                _cache.TryRemove(victim, out _);
            }
        }
    }
}
