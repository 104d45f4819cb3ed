namespace SecretVault.Sdk.Storage;

/// <summary>Single entries read and written as <see cref="StoredJson"/> on any storage (for stores whose storage comes with each request).</summary>
public static class JsonStorage
{
    /// <summary>The entry at <paramref name="key"/>, or null when there is none.</summary>
    public static async Task<T?> GetJsonAsync<T>(this IStorage storage, string key, CancellationToken ct = default)
        where T : class
    {
        var bytes = await storage.GetAsync(key, ct).ConfigureAwait(false);
        return bytes is null ? null : StoredJson.Deserialize<T>(bytes);
    }

    /// <summary>Stores <paramref name="value"/> at <paramref name="key"/>; durable on return.</summary>
    public static Task PutJsonAsync<T>(this IStorage storage, string key, T value, CancellationToken ct = default) =>
        storage.PutAsync(key, StoredJson.Serialize(value), ct);
}
