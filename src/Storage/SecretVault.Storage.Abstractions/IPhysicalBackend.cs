namespace SecretVault.Storage.Abstractions;

/// <summary>
/// Untrusted, durable key/value storage below the barrier. Keys are '/'-separated paths that have
/// passed <see cref="StorageKey.Validate"/>; values are opaque bytes (ciphertext, except the seal
/// configuration). A put that returned has reached durable storage.
/// </summary>
public interface IPhysicalBackend
{
    /// <summary>The value stored at <paramref name="key"/>, or null when there is none.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>Stores <paramref name="value"/> at <paramref name="key"/>, replacing any value; durable on return.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default);

    /// <summary>Deletes <paramref name="key"/>; deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// The direct children of <paramref name="prefix"/> (which is empty or ends in '/'), sorted ordinally:
    /// keys as their last segment, and sub-folders as their segment followed by '/'.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default);
}
