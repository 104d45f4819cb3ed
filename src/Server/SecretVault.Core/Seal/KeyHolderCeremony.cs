using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Seal;

/// <summary>
/// An operation that key holders drive one share at a time while the server is unsealed (root token generation,
/// rekey). Its state sits behind one lock, and a seal drops it: <see cref="OnSeal"/> waits for a step in flight,
/// then forgets everything, and no step runs again until the next unseal.
/// </summary>
public abstract class KeyHolderCeremony : ILifecycleParticipant
{
    private readonly SemaphoreSlim _lock;
    private bool _sealed = true;

    protected KeyHolderCeremony(KeyHolderCeremonyLock ceremonyLock)
    {
        _lock = ceremonyLock.Semaphore;
    }

    /// <inheritdoc />
    public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnUnsealAsync(CancellationToken ct)
    {
        Volatile.Write(ref _sealed, false);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void OnSeal()
    {
        // Waits for a step in flight (minting a token, committing a rekey) so a seal never interleaves with it.
        _lock.Wait();
        try
        {
            Volatile.Write(ref _sealed, true);
            Forget();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Drops the ceremony's state and zeroes its key material; called under the lock.</summary>
    protected abstract void Forget();

    /// <summary>Runs <paramref name="step"/> under the lock; 503 once sealed.</summary>
    protected async Task<T> StepAsync<T>(Func<Task<T>> step, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _sealed))
            {
                throw LogicalException.Sealed();
            }

            return await step().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}

/// <summary>
/// The one lock all key holder ceremonies share: a rekey and a root token generation never run a step at the same
/// time, so no share is ever checked against a seal configuration a rekey is replacing.
/// </summary>
public sealed class KeyHolderCeremonyLock
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}
