namespace SecretVault.Sdk.Storage;

/// <summary>A chroot over another storage: every key is prefixed with <see cref="Prefix"/>.</summary>
public sealed class StorageView : IStorage
{
    private readonly IStorage _inner;

    /// <summary>Creates a view of <paramref name="inner"/> rooted at <paramref name="prefix"/> (empty, or ending in '/').</summary>
    public StorageView(IStorage inner, string prefix)
    {
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            throw new ArgumentException("A storage view prefix must end in '/'.", nameof(prefix));
        }

        _inner = inner;
        Prefix = prefix;
    }

    /// <summary>The prefix added to every key.</summary>
    public string Prefix { get; }

    /// <summary>A view rooted at <paramref name="prefix"/> inside this one.</summary>
    public StorageView SubView(string prefix) => new(_inner, Prefix + prefix);

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => _inner.GetAsync(Prefix + key, ct);

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default) => _inner.PutAsync(Prefix + key, value, ct);

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken ct = default) => _inner.DeleteAsync(Prefix + key, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => _inner.ListAsync(Prefix + prefix, ct);
}
