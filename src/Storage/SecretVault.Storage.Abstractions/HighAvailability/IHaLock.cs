namespace SecretVault.Storage.Abstractions.HighAvailability;

/// <summary>
/// One server's claim on the cluster's single active role. The holder renews it in the background; it is lost when
/// a renewal does not land before the lease runs out (the database's clock decides), or when another server took it.
/// </summary>
public interface IHaLock : IAsyncDisposable
{
    /// <summary>
    /// Waits until this server holds the lock (retrying as Vault does), or throws when <paramref name="ct"/> is
    /// cancelled. The returned token is cancelled as soon as the lock is lost.
    /// </summary>
    Task<CancellationToken> AcquireAsync(CancellationToken ct);

    /// <summary>Gives the lock up now (step-down, seal, shutdown) so a standby can take it without waiting for the lease.</summary>
    Task ReleaseAsync(CancellationToken ct = default);

    /// <summary>Whether some server holds the lock, and the value it advertises.</summary>
    Task<HaLockState> ReadAsync(CancellationToken ct = default);
}
