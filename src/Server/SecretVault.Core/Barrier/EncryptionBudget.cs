namespace SecretVault.Core.Barrier;

/// <summary>
/// Counts encryptions under the active key term twice. <see cref="TowardLimit"/> guards the nonce budget: after an
/// unseal it resumes from the reservation persisted in the keyring, so a crash can only over-count it.
/// <see cref="Counted"/> is what <c>sys/key-status</c> reports: the encryptions actually made, resumed from the exact
/// count the keyring last stored.
/// </summary>
internal sealed class EncryptionBudget
{
    private readonly TimeProvider _time;
    private readonly BarrierOptions _options;
    private long _towardLimit;
    private long _counted;

    public EncryptionBudget(TimeProvider time, BarrierOptions options)
    {
        _time = time;
        _options = options;
    }

    /// <summary>Encryptions counted against the term's limit (never below the truth).</summary>
    public long TowardLimit => Interlocked.Read(ref _towardLimit);

    /// <summary>Encryptions made with the active term, as far as the keyring has recorded them and this process since.</summary>
    public long Counted => Interlocked.Read(ref _counted);

    /// <summary>Starts counting the active term of a keyring just opened.</summary>
    public void Resume(KeyTerm active)
    {
        Interlocked.Exchange(ref _towardLimit, active.ReservedEncryptions);
        Interlocked.Exchange(ref _counted, active.Encryptions);
    }

    /// <summary>Starts counting a new term.</summary>
    public void Restart()
    {
        Interlocked.Exchange(ref _towardLimit, 0);
        Interlocked.Exchange(ref _counted, 0);
    }

    /// <summary>Counts one encryption; true when it fits the reservation and no rotation is due (the fast path).</summary>
    public bool TryTake(Keyring keyring)
    {
        Interlocked.Increment(ref _counted);
        var count = Interlocked.Increment(ref _towardLimit);
        return count <= keyring.Active.ReservedEncryptions && count < OperationLimit(keyring) && !IntervalReached(keyring);
    }

    /// <summary>True when the active term has reached its limit or its age.</summary>
    public bool RotationDue(Keyring keyring) => TowardLimit >= OperationLimit(keyring) || IntervalReached(keyring);

    /// <summary>The reservation to persist before using more encryptions, or null while the current one lasts.</summary>
    public long? NextReservation(Keyring keyring) =>
        TowardLimit is var current && current > keyring.Active.ReservedEncryptions ? current + _options.CounterReserveBlock : null;

    // The configured limit while automatic rotation is enabled; the NIST bound always.
    private long OperationLimit(Keyring keyring) =>
        keyring.Rotation.Enabled ? Math.Min(keyring.Rotation.MaxOperations, _options.MaxEncryptionsPerTerm) : _options.MaxEncryptionsPerTerm;

    private bool IntervalReached(Keyring keyring) =>
        keyring.Rotation is { Enabled: true, Interval: var interval } && interval > TimeSpan.Zero && _time.GetUtcNow() - keyring.Active.InstallTime >= interval;
}
