using System.Security.Cryptography;
using System.Text;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Leases;

/// <summary>
/// Leases behind the barrier under <c>sys/expire/</c>: <c>id/&lt;lease id&gt;</c> holds the entry (lease IDs are
/// paths, so a prefix LIST is a folder listing), <c>token/&lt;token hash&gt;/&lt;digest&gt;</c> indexes a token's
/// secret leases for revocation with the token.
/// </summary>
public sealed class LeaseStore
{
    private const string IdPrefix = "id/";

    private readonly StorageView _view;

    public LeaseStore(IStorage barrier)
    {
        _view = new StorageView(barrier, "sys/expire/");
    }

    /// <summary>The lease, or null.</summary>
    public async Task<LeaseEntry?> GetAsync(string leaseId, CancellationToken ct = default)
    {
        if (!IsWellFormed(leaseId))
        {
            return null;
        }

        return await _view.GetJsonAsync<LeaseEntry>(IdPrefix + leaseId, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the token index first and the entry last, so an entry never exists unindexed.</summary>
    public async Task PutAsync(LeaseEntry entry, CancellationToken ct = default)
    {
        if (!entry.IsTokenLease && entry.TokenHash.Length > 0)
        {
            await _view.PutAsync(TokenIndexKey(entry.TokenHash, entry.LeaseId), Encoding.UTF8.GetBytes(entry.LeaseId), ct).ConfigureAwait(false);
        }

        await _view.PutJsonAsync(IdPrefix + entry.LeaseId, entry, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the entry, then its index entry (a dangling index entry is skipped and tidied).</summary>
    public async Task DeleteAsync(LeaseEntry entry, CancellationToken ct = default)
    {
        await _view.DeleteAsync(IdPrefix + entry.LeaseId, ct).ConfigureAwait(false);
        if (!entry.IsTokenLease && entry.TokenHash.Length > 0)
        {
            await _view.DeleteAsync(TokenIndexKey(entry.TokenHash, entry.LeaseId), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a token's lease, which has no index entry, without reading it first.</summary>
    public Task DeleteTokenLeaseAsync(string leaseId, CancellationToken ct = default) => _view.DeleteAsync(IdPrefix + leaseId, ct);

    /// <summary>The direct children of <paramref name="prefix"/> (lease IDs' last segments and sub-folders).</summary>
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => _view.ListAsync(IdPrefix + prefix, ct);

    /// <summary>Every lease ID under <paramref name="prefix"/>, streamed.</summary>
    public IAsyncEnumerable<string> WalkAsync(string prefix = "", CancellationToken ct = default) =>
        StorageTree.WalkAsync(new StorageView(_view, IdPrefix), prefix, ct);

    /// <summary>The IDs of the secret leases <paramref name="tokenHash"/> owns.</summary>
    public async Task<IReadOnlyList<string>> LeaseIdsOfTokenAsync(string tokenHash, CancellationToken ct = default)
    {
        var ids = new List<string>();
        foreach (var digest in await _view.ListAsync($"token/{tokenHash}/", ct).ConfigureAwait(false))
        {
            if (await _view.GetAsync($"token/{tokenHash}/{digest}", ct).ConfigureAwait(false) is { } id)
            {
                ids.Add(Encoding.UTF8.GetString(id));
            }
        }

        return ids;
    }

    /// <summary>The hashes of tokens that have an index folder (for tidy).</summary>
    public Task<IReadOnlyList<string>> IndexedTokensAsync(CancellationToken ct = default) => _view.ListAsync("token/", ct);

    /// <summary>Removes an index entry whose lease is gone.</summary>
    public Task DeleteIndexAsync(string tokenHash, string leaseId, CancellationToken ct = default) =>
        _view.DeleteAsync(TokenIndexKey(tokenHash, leaseId), ct);

    /// <summary>A lease ID a client sent is looked up only when it is a plain relative path.</summary>
    public static bool IsWellFormed(string leaseId) =>
        leaseId.Length is > 0 and <= 1024 && !leaseId.StartsWith('/') && !leaseId.EndsWith('/') && !leaseId.Contains("//", StringComparison.Ordinal);

    private static string TokenIndexKey(string tokenHash, string leaseId) =>
        $"token/{tokenHash}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(leaseId)))}";
}
