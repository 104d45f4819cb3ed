using System.Text.Json;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Mounts;

/// <summary>Reads and writes a mount table as one barrier entry, so every change is a single atomic put.</summary>
public sealed class MountTableStore
{
    private readonly IStorage _barrier;

    public MountTableStore(IStorage barrier)
    {
        _barrier = barrier;
    }

    /// <summary>The stored table of <paramref name="kind"/>, or null before init.</summary>
    public async Task<IReadOnlyList<MountEntry>?> ReadAsync(BackendKind kind, CancellationToken ct)
    {
        var bytes = await _barrier.GetAsync(KeyOf(kind), ct).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<List<MountEntry>>(bytes);
    }

    /// <summary>Replaces the table of <paramref name="kind"/>.</summary>
    public Task WriteAsync(BackendKind kind, IReadOnlyList<MountEntry> table, CancellationToken ct) =>
        _barrier.PutAsync(KeyOf(kind), JsonSerializer.SerializeToUtf8Bytes(table), ct);

    private static string KeyOf(BackendKind kind) => kind == BackendKind.Auth ? "core/auth" : "core/mounts";
}
