using SecretVault.Sdk.Storage;
using SecretVault.Storage.Abstractions.InMemory;

namespace SecretVault.Testing.Plugins;

/// <summary>A mount's logical storage as the router hands it to a plugin, backed by the real in-memory physical backend.</summary>
public sealed class InMemoryStorage : IStorage
{
    private readonly InMemoryBackend _backend = new();

    // Real storage (barrier, file, PostgreSQL) completes asynchronously; yielding on every call lets
    // concurrent requests interleave between a read and the write that follows it, as they would there.
    public async Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
    {
        await Task.Yield();
        return await _backend.GetAsync(key, ct);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default)
    {
        await Task.Yield();
        await _backend.PutAsync(key, value, ct);
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        await Task.Yield();
        await _backend.DeleteAsync(key, ct);
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default)
    {
        await Task.Yield();
        return await _backend.ListAsync(prefix, ct);
    }

    /// <summary>Every stored key and value, walking the folders (to check what reaches storage).</summary>
    public async Task<IReadOnlyList<(string Key, byte[] Value)>> DumpAsync(string prefix = "")
    {
        var result = new List<(string, byte[])>();
        foreach (var child in await ListAsync(prefix))
        {
            if (child.EndsWith('/'))
            {
                result.AddRange(await DumpAsync(prefix + child));
            }
            else if (await GetAsync(prefix + child) is { } value)
            {
                result.Add((prefix + child, value));
            }
        }

        return result;
    }
}
