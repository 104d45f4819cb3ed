namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// A fixed set of async locks chosen by key hash: serialises the read-modify-write of one secret ID (the
/// use count) or one role without a lock object per key. Unrelated keys may share a stripe; that only costs waiting.
/// </summary>
internal sealed class StripedLock
{
    private readonly SemaphoreSlim[] _stripes;

    public StripedLock(int stripes)
    {
        _stripes = [.. Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1))];
    }

    public async Task<Releaser> AcquireAsync(string key, CancellationToken ct)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length)];
        await stripe.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(stripe);
    }

    /// <summary>Releases the stripe when disposed.</summary>
    internal readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
