using SecretVault.Sdk.Storage;
using SecretVault.Storage.Abstractions.InMemory;

namespace SecretVault.Plugins.Auth.UserPass.Tests.Support;

/// <summary>The mount's logical storage as the router hands it over, backed by the real in-memory physical backend.</summary>
internal sealed class InMemoryStorage : IStorage
{
    private readonly InMemoryBackend _backend = new();

    public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => _backend.GetAsync(key, ct);

    public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default) => _backend.PutAsync(key, value, ct);

    public Task DeleteAsync(string key, CancellationToken ct = default) => _backend.DeleteAsync(key, ct);

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => _backend.ListAsync(prefix, ct);

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
