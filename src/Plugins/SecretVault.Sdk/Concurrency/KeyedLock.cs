namespace SecretVault.Sdk.Concurrency;

/// <summary>
/// Serialises work on one key while work on other keys runs in parallel: a fixed set of async locks (stripes), one
/// chosen by the key's hash, so no lock object is kept per key and none is global. Unrelated keys may share a
/// stripe, which only costs waiting; so never wait for a second key of the same lock while holding one.
/// </summary>
public sealed class KeyedLock
{
    private readonly SemaphoreSlim[] _stripes;

    /// <summary>Creates a lock with <paramref name="stripes"/> stripes (more stripes, fewer unrelated keys waiting on each other).</summary>
    public KeyedLock(int stripes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stripes, 1);
        _stripes = [.. Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1))];
    }

    /// <summary>
    /// Waits for the lock of <paramref name="key"/>; dispose the result to release it. A cancelled wait throws and
    /// holds nothing.
    /// </summary>
    public async ValueTask<KeyedLockReleaser> AcquireAsync(string key, CancellationToken ct = default)
    {
        var stripe = _stripes[StripeOf(key)];
        await stripe.WaitAsync(ct).ConfigureAwait(false);
        return new KeyedLockReleaser(stripe);
    }

    /// <summary>
    /// Waits for every stripe, in order, so no holder of any key is left when it returns (a teardown that must not
    /// race a change in progress). Dispose the result to release them all.
    /// </summary>
    public KeyedLockReleaser AcquireAll()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Wait();
        }

        return new KeyedLockReleaser(_stripes);
    }

    // Randomised per process (string hashing), so a caller cannot pick names that all land on one stripe.
    internal int StripeOf(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length);
}
