using System.Security.Cryptography;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Seal;

/// <summary>
/// An operation that key holders drive one share at a time while the server is unsealed (root token generation,
/// rekey). Its state sits behind one lock, and a seal drops it: <see cref="OnSeal"/> waits for a step in flight,
/// then forgets everything, and no step runs again until the next unseal.
/// </summary>
public abstract class KeyHolderCeremony : ILifecycleParticipant
{
    private readonly SemaphoreSlim _lock;
    private readonly SealConfigStore _sealConfig;
    private bool _sealed = true;

    protected KeyHolderCeremony(IPhysicalBackend physical, KeyHolderCeremonyLock ceremonyLock)
    {
        _lock = ceremonyLock.Semaphore;
        _sealConfig = new SealConfigStore(physical);
        RootKeys = new RootKeyStore(physical);
    }

    /// <summary>Where the root key is kept wrapped, for checking that shares open it.</summary>
    protected RootKeyStore RootKeys { get; }

    /// <summary>Where the seal configuration is kept, for a step that replaces it.</summary>
    protected SealConfigStore SealConfig => _sealConfig;

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

    /// <summary>
    /// Runs <paramref name="step"/> under the lock with the seal configuration, read inside the lock so no step acts
    /// on one a rekey has just replaced; 503 once sealed, 400 before init.
    /// </summary>
    protected async Task<T> StepAsync<T>(Func<SealConfigEntry, Task<T>> step, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _sealed))
            {
                throw LogicalException.Sealed();
            }

            var config = await _sealConfig.ReadAsync(ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("server is not yet initialized");
            return await step(config).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary><see cref="StepAsync{T}"/> for a step given a key share: the caller's buffer is zeroed whatever happens.</summary>
    protected async Task<T> ShareStepAsync<T>(byte[] share, Func<SealConfigEntry, Task<T>> step, CancellationToken ct)
    {
        try
        {
            return await StepAsync(step, ct).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(share);
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
