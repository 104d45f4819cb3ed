using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Mounts;

/// <summary>
/// A mount's storage as its backend sees it (a view rooted at the mount's prefix), closed by an unmount: closing
/// waits for the calls already running, and a closed view refuses every call, so once the unmount deletes the
/// mount's data nothing can land under its prefix again.
/// </summary>
public sealed class MountStorage : IStorage
{
    private readonly StorageView _view;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _closed;

    public MountStorage(IStorage barrier, string prefix)
    {
        _view = new StorageView(barrier, prefix);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => RunAsync(() => _view.GetAsync(key, ct));

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default) => RunAsync(() => _view.PutAsync(key, value, ct));

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken ct = default) => RunAsync(() => _view.DeleteAsync(key, ct));

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => RunAsync(() => _view.ListAsync(prefix, ct));

    /// <summary>Refuses every later call and completes when the calls already running have finished.</summary>
    public Task CloseAsync(CancellationToken ct)
    {
        // Both sides use full fences (Exchange here, Increment in RunAsync): either this sees a call's count, or the call sees the close.
        Interlocked.Exchange(ref _closed, 1);
        return Volatile.Read(ref _running) == 0 ? Task.CompletedTask : _drained.Task.WaitAsync(ct);
    }

    private async Task RunAsync(Func<Task> call) => await RunAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);

    private async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        Interlocked.Increment(ref _running);
        try
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                // As Vault answers a request that reaches a mount being disabled.
                throw new LogicalException(404, "no handler for route: the mount was disabled while the request ran. route entry is tainted.");
            }

            return await call().ConfigureAwait(false);
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0 && Volatile.Read(ref _closed) != 0)
            {
                _drained.TrySetResult();
            }
        }
    }
}
