using System.Collections.Concurrent;

namespace SecretVault.Core.Tokens;

/// <summary>
/// Decoded token entries by hash, so a request does not decrypt and parse its token's entry each time.
/// The token store is the only writer of entries and reports every change; a read that raced with a
/// change is not cached (the generation check and the eviction share one lock), so a revoked token is
/// never served from here. Cleared on seal; bounded by clearing when full.
/// </summary>
internal sealed class TokenEntryCache
{
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, TokenEntry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _generation;

    /// <summary>Read before going to storage and passed to <see cref="AddIfUnchanged"/>.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public bool TryGet(string hash, out TokenEntry? entry)
    {
        var found = _entries.TryGetValue(hash, out var value);
        entry = value;
        return found;
    }

    /// <summary>Caches an entry read from storage, unless any entry changed since <paramref name="generation"/>.</summary>
    public void AddIfUnchanged(string hash, TokenEntry entry, long generation)
    {
        lock (_gate)
        {
            if (_generation != generation)
            {
                return;
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[hash] = entry;
        }
    }

    /// <summary>Called after the stored entry was written or deleted.</summary>
    public void Changed(string hash)
    {
        lock (_gate)
        {
            _generation++;
            _entries.TryRemove(hash, out _);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _generation++;
            _entries.Clear();
        }
    }
}
