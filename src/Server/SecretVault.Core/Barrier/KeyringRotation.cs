namespace SecretVault.Core.Barrier;

/// <summary>
/// Owns the live keyring and every change to it, one at a time under the keyring lock: opening it at unseal, zeroing
/// it at seal, new terms (on demand, at the use limit or age), reservations of the use count, the rotation settings,
/// and the root key rotation. Readers take the published keyring without locking.
/// </summary>
internal sealed class KeyringRotation
{
    private readonly KeyringStore _stored;
    private readonly EncryptionBudget _budget;
    private readonly TimeProvider _time;
    private readonly BarrierOptions _options;
    private readonly SemaphoreSlim _keyringLock = new(1, 1);
    private Keyring? _keyring;

    public KeyringRotation(KeyringStore stored, EncryptionBudget budget, TimeProvider time, BarrierOptions options)
    {
        _stored = stored;
        _budget = budget;
        _time = time;
        _options = options;
    }

    /// <summary>The published keyring; null while sealed.</summary>
    public Keyring? Published => Volatile.Read(ref _keyring);

    /// <summary>The active term, its install time and its encryption count.</summary>
    public KeyTermStatus Status
    {
        get
        {
            var active = Current().Active;
            return new KeyTermStatus(active.Term, active.InstallTime, _budget.Counted);
        }
    }

    /// <summary>The published keyring; throws <see cref="BarrierSealedException"/> while sealed.</summary>
    public Keyring Current() => Volatile.Read(ref _keyring) ?? throw new BarrierSealedException();

    /// <summary>Opens the stored keyring with <paramref name="rootKey"/> and publishes it.</summary>
    public async Task OpenAsync(ReadOnlyMemory<byte> rootKey, CancellationToken ct)
    {
        var keyring = await _stored.OpenAsync(rootKey, ct).ConfigureAwait(false);
        _budget.Resume(keyring.Active);
        Interlocked.Exchange(ref _keyring, keyring)?.Zero();
    }

    /// <summary>Stores the exact encryption count of the active term, so the next unseal resumes from it.</summary>
    public async Task<bool> SaveEncryptionCountAsync(CancellationToken ct)
    {
        await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _keyring) is not { } current || _stored.Frozen)
            {
                return false;
            }

            var next = current.WithEncryptions(_budget.Counted);
            await _stored.WriteAsync(next, ct).ConfigureAwait(false);
            Volatile.Write(ref _keyring, next);
            return true;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // A seal goes ahead when storage refuses this write; the count then resumes from the last one stored.
            return false;
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <summary>Unpublishes and zeroes the keyring.</summary>
    public void Seal()
    {
        // Waits for a keyring write in flight, so no keyring is serialized or stored while its keys are being zeroed.
        _keyringLock.Wait();
        try
        {
            Interlocked.Exchange(ref _keyring, null)?.Zero();
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <summary>Adds a term and makes it active.</summary>
    public async Task<KeyTermStatus> RotateAsync(CancellationToken ct)
    {
        await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await RotateLockedAsync(ct).ConfigureAwait(false);
            return Status;
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <summary>The automatic rotation settings.</summary>
    public KeyRotationConfig RotationConfig => Current().Rotation;

    /// <summary>Changes the automatic rotation settings; <paramref name="change"/> runs under the lock.</summary>
    public async Task SetRotationConfigAsync(Func<KeyRotationConfig, KeyRotationConfig> change, CancellationToken ct)
    {
        await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Current();
            var next = current.WithRotation(change(current.Rotation)).WithEncryptions(_budget.Counted);
            await _stored.WriteAsync(next, ct).ConfigureAwait(false);
            Volatile.Write(ref _keyring, next);
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <summary>Re-encrypts the keyring under a new root key; see <see cref="ISecurityBarrier.RotateRootKeyAsync"/>.</summary>
    public async Task RotateRootKeyAsync(ReadOnlyMemory<byte> newRootKey, Func<CancellationToken, Task> commit, CancellationToken ct)
    {
        try
        {
            await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            throw new RootKeyRotationNotCommittedException("the root key rotation was cancelled before it started", ex);
        }

        try
        {
            var current = Current();
            if (_stored.Frozen)
            {
                // The next keyring of the earlier rotation must stay for unseal to decide: touch nothing.
                throw new RootKeyRotationNotCommittedException("the keyring is frozen: an earlier root key rotation has an unknown outcome; seal and unseal first");
            }

            Keyring? next = null;
            var committed = false;
            try
            {
                byte[] blob;
                try
                {
                    next = current.WithEncryptions(_budget.Counted).WithRootKey(newRootKey.Span);
                    blob = await _stored.WriteNextAsync(next, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Nothing is committed before the commit runs: the old root key stays, whatever failed.
                    await _stored.TidyAfterRotationAsync(committedKeyring: null).ConfigureAwait(false);
                    throw new RootKeyRotationNotCommittedException("the root key rotation failed before its commit", ex);
                }

                try
                {
                    await commit(ct).ConfigureAwait(false);
                }
                catch (RootKeyRotationNotCommittedException)
                {
                    await _stored.TidyAfterRotationAsync(committedKeyring: null).ConfigureAwait(false);
                    throw;
                }
                catch
                {
                    // Whether the commit landed is unknown: keep the next keyring for unseal to decide, and store no
                    // keyring under either root key until then (one under the wrong key would lose later terms).
                    _stored.Freeze();
                    throw;
                }

                committed = true;

                // Committed: only the new root key opens what unseal will find, so every later keyring write uses it.
                Interlocked.Exchange(ref _keyring, next);
                current.ZeroRootKey();
                await _stored.TidyAfterRotationAsync(committedKeyring: blob).ConfigureAwait(false);
            }
            finally
            {
                if (!committed)
                {
                    next?.ZeroRootKey();
                }
            }
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    /// <summary>Counts one encryption; reserves the next block or rotates first when the count calls for it.</summary>
    public async Task CountEncryptionAsync(CancellationToken ct)
    {
        if (_budget.TryTake(Current()))
        {
            return;
        }

        await _keyringLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var keyring = Current();
            if (_budget.RotationDue(keyring))
            {
                await RotateLockedAsync(ct).ConfigureAwait(false);
            }
            else if (_budget.NextReservation(keyring) is { } reservation)
            {
                // Persist the next block before using it: after a crash the count toward the limit resumes above the truth.
                var next = keyring.WithReservation(reservation).WithEncryptions(_budget.Counted);
                await _stored.WriteAsync(next, ct).ConfigureAwait(false);
                Volatile.Write(ref _keyring, next);
            }
        }
        finally
        {
            _keyringLock.Release();
        }
    }

    private async Task RotateLockedAsync(CancellationToken ct)
    {
        var next = Current().AddTerm(_time.GetUtcNow(), _options.CounterReserveBlock);
        await _stored.WriteAsync(next, ct).ConfigureAwait(false);
        _budget.Restart();
        Volatile.Write(ref _keyring, next);
    }
}
