namespace SecretVault.Plugins.Transit.Keys;

/// <summary>
/// The encryptions one key version has made in this process, against what storage has reserved for it. It starts
/// with every reserved count taken (what an earlier process used is unknown), so counting only ever overestimates.
/// </summary>
internal sealed class EncryptionCounter
{
    private long _used;
    private long _reserved;

    public EncryptionCounter(long reserved)
    {
        _used = reserved;
        _reserved = reserved;
    }

    public long Used => Interlocked.Read(ref _used);

    public long Reserved => Interlocked.Read(ref _reserved);

    /// <summary>Counts one encryption; false when it is beyond the reservation (it stays counted).</summary>
    public bool TryTake() => Interlocked.Increment(ref _used) <= Reserved;

    /// <summary>Raises the reservation to <paramref name="reserved"/> (never lowers it).</summary>
    public void Reserve(long reserved)
    {
        long current;
        do
        {
            current = Reserved;
            if (reserved <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _reserved, reserved, current) != current);
    }
}
