namespace SecretVault.Sdk.Storage;

/// <summary>Operations on a whole subtree of a storage view.</summary>
public static class StorageTree
{
    /// <summary>Deletes every key in <paramref name="view"/> (depth first).</summary>
    public static async Task DeleteAsync(IStorage view, CancellationToken ct = default, string prefix = "")
    {
        foreach (var child in await view.ListAsync(prefix, ct).ConfigureAwait(false))
        {
            if (child.EndsWith('/'))
            {
                await DeleteAsync(view, ct, prefix + child).ConfigureAwait(false);
            }
            else
            {
                await view.DeleteAsync(prefix + child, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every key under <paramref name="prefix"/>, walking the sub-folders depth first.</summary>
    public static async Task<IReadOnlyList<string>> ListAllAsync(IStorage view, string prefix = "", CancellationToken ct = default)
    {
        var keys = new List<string>();
        foreach (var child in await view.ListAsync(prefix, ct).ConfigureAwait(false))
        {
            if (child.EndsWith('/'))
            {
                keys.AddRange(await ListAllAsync(view, prefix + child, ct).ConfigureAwait(false));
            }
            else
            {
                keys.Add(prefix + child);
            }
        }

        return keys;
    }

    /// <summary>Every key under <paramref name="prefix"/>, one folder listing at a time (for trees too big to list at once).</summary>
    public static async IAsyncEnumerable<string> WalkAsync(IStorage view, string prefix = "", [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var child in await view.ListAsync(prefix, ct).ConfigureAwait(false))
        {
            if (!child.EndsWith('/'))
            {
                yield return prefix + child;
                continue;
            }

            await foreach (var key in WalkAsync(view, prefix + child, ct).ConfigureAwait(false))
            {
                yield return key;
            }
        }
    }
}
