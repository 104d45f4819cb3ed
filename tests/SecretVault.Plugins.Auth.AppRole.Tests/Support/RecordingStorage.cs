using System.Collections.Concurrent;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.AppRole.Tests.Support;

/// <summary>Storage that passes every call on and records its kind and the key's first segment ("Get secret_id/").</summary>
internal sealed class RecordingStorage(IStorage inner) : IStorage
{
    private readonly ConcurrentQueue<string> _steps = new();

    public IReadOnlyList<string> Steps => [.. _steps];

    public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => Record("Get", key, inner.GetAsync(key, ct));

    public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default) => Record("Put", key, inner.PutAsync(key, value, ct));

    public Task DeleteAsync(string key, CancellationToken ct = default) => Record("Delete", key, inner.DeleteAsync(key, ct));

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => Record("List", prefix, inner.ListAsync(prefix, ct));

    private T Record<T>(string kind, string key, T call)
    {
        _steps.Enqueue($"{kind} {key.Split('/')[0]}/");
        return call;
    }
}
