namespace SecretVault.Sdk.Storage;

/// <summary>
/// Entries of one type stored as JSON (<see cref="StoredJson"/>) under the keys of a storage view, optionally below
/// a prefix: <c>new JsonStore&lt;UserEntry&gt;(storage, "user/")</c>.
/// </summary>
/// <typeparam name="T">The stored entry type.</typeparam>
public sealed class JsonStore<T>
    where T : class
{
    private readonly IStorage _storage;
    private readonly string _prefix;

    /// <summary>A store of entries under <paramref name="prefix"/> (empty, or ending in '/') of <paramref name="storage"/>.</summary>
    public JsonStore(IStorage storage, string prefix = "")
    {
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            throw new ArgumentException("A store prefix must end in '/'.", nameof(prefix));
        }

        _storage = storage;
        _prefix = prefix;
    }

    /// <summary>The entry at <paramref name="key"/>, or null when there is none.</summary>
    public Task<T?> GetAsync(string key, CancellationToken ct = default) => _storage.GetJsonAsync<T>(_prefix + key, ct);

    /// <summary>Stores <paramref name="value"/> at <paramref name="key"/>; durable on return.</summary>
    public Task PutAsync(string key, T value, CancellationToken ct = default) => _storage.PutJsonAsync(_prefix + key, value, ct);

    /// <summary>Deletes the entry at <paramref name="key"/>; deleting a missing one is not an error.</summary>
    public Task DeleteAsync(string key, CancellationToken ct = default) => _storage.DeleteAsync(_prefix + key, ct);

    /// <summary>Direct children of <paramref name="prefix"/> below the store's own: keys, and sub-folders ending in '/'.</summary>
    public Task<IReadOnlyList<string>> ListAsync(string prefix = "", CancellationToken ct = default) => _storage.ListAsync(_prefix + prefix, ct);
}
