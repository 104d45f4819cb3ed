using System.Collections.Concurrent;

namespace SecretVault.Storage.Abstractions.InMemory;

/// <summary>Storage in process memory, for dev mode and tests. Values are copied in and out so callers cannot alias them.</summary>
public sealed class InMemoryBackend : IPhysicalBackend
{
    private readonly ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        return Task.FromResult(_entries.TryGetValue(key, out var value) ? (byte[]?)value.ToArray() : null);
    }

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        _entries[key] = value.ToArray();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default)
    {
        StorageKey.ValidatePrefix(prefix);
        var children = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in _entries.Keys)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            children.Add(slash < 0 ? rest : rest[..(slash + 1)]);
        }

        return Task.FromResult<IReadOnlyList<string>>([.. children]);
    }
}
