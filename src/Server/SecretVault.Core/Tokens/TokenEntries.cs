using SecretVault.Sdk.Concurrency;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tokens;

/// <summary>
/// Token entries at <c>id/&lt;hash&gt;</c>, cached in memory, and the token's gate: every read-modify-write of one
/// token (a use, a renewal, its removal) holds the gate of its hash, so none writes back a copy another replaced.
/// </summary>
internal sealed class TokenEntries
{
    private readonly JsonStore<TokenEntry> _store;
    private readonly KeyedLock _gates = new(64);
    private readonly TokenEntryCache _cache = new();

    public TokenEntries(IStorage view)
    {
        _store = new JsonStore<TokenEntry>(view, "id/");
    }

    /// <summary>Waits for the gate of the token <paramref name="hash"/>; dispose the result to open it.</summary>
    public ValueTask<KeyedLockReleaser> GateAsync(string hash, CancellationToken ct) => _gates.AcquireAsync(hash, ct);

    /// <summary>The stored entry (expired or not), or null.</summary>
    public async Task<TokenEntry?> ReadAsync(string hash, CancellationToken ct)
    {
        if (_cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var generation = _cache.Generation;
        var entry = await _store.GetAsync(hash, ct).ConfigureAwait(false);
        if (entry is not null)
        {
            _cache.AddIfUnchanged(hash, entry, generation);
        }

        return entry;
    }

    public async Task WriteAsync(TokenEntry entry, CancellationToken ct)
    {
        await _store.PutAsync(entry.Hash, entry, ct).ConfigureAwait(false);
        _cache.Changed(entry.Hash);
    }

    /// <summary>
    /// Deletes the entry under the token's gate, so a renewal or a use in flight cannot write it back afterwards;
    /// answers what was stored (null when nothing was).
    /// </summary>
    public async Task<TokenEntry?> DeleteAsync(string hash, CancellationToken ct)
    {
        using (await _gates.AcquireAsync(hash, ct).ConfigureAwait(false))
        {
            var entry = await ReadAsync(hash, ct).ConfigureAwait(false);
            await _store.DeleteAsync(hash, ct).ConfigureAwait(false);
            _cache.Changed(hash);
            return entry;
        }
    }

    /// <summary>The hash of every stored entry.</summary>
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken ct) => _store.ListAsync("", ct);

    /// <summary>Forgets every cached entry (on seal).</summary>
    public void Clear() => _cache.Clear();
}
