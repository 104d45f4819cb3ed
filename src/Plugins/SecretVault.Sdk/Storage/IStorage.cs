namespace SecretVault.Sdk.Storage;

/// <summary>
/// Logical storage as a plugin sees it: plaintext values behind the barrier, addressed by
/// '/'-separated keys relative to the caller's view.
/// </summary>
public interface IStorage
{
    /// <summary>The value stored at <paramref name="key"/>, or null when there is none.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>Stores <paramref name="value"/> at <paramref name="key"/>; durable on return.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default);

    /// <summary>Deletes <paramref name="key"/>; deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);

    /// <summary>Direct children of <paramref name="prefix"/>: keys, and sub-folders ending in '/'.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default);
}
