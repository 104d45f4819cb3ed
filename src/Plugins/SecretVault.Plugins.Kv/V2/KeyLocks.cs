namespace SecretVault.Plugins.Kv.V2;

/// <summary>
/// Serialises writers of the same key while writers of different keys run in parallel: a fixed
/// set of async locks, one chosen by the key's hash. No lock is global to the mount.
/// </summary>
public sealed class KeyLocks
{
    private readonly SemaphoreSlim[] _locks;

    public KeyLocks(int stripes = 256)
    {
        _locks = [.. Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1))];
    }

    /// <summary>Waits for the lock of <paramref name="key"/>; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        var gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_locks.Length)];
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
