namespace SecretVault.Sdk.Concurrency;

/// <summary>What <see cref="KeyedLock"/> hands out: disposing it releases exactly the stripes it took, once.</summary>
public readonly struct KeyedLockReleaser : IDisposable
{
    private readonly SemaphoreSlim? _one;
    private readonly SemaphoreSlim[]? _all;

    internal KeyedLockReleaser(SemaphoreSlim one)
    {
        _one = one;
    }

    internal KeyedLockReleaser(SemaphoreSlim[] all)
    {
        _all = all;
    }

    /// <summary>Releases the stripes taken (nothing for a default value).</summary>
    public void Dispose()
    {
        _one?.Release();
        foreach (var stripe in _all ?? [])
        {
            stripe.Release();
        }
    }
}
