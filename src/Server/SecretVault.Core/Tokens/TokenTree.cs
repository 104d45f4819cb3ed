using System.Text;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tokens;

/// <summary>
/// The parent → child index at <c>parent/&lt;parent&gt;/&lt;child&gt;</c> and what hangs on it: a token is valid
/// only while unexpired and its ancestors are valid, revoking a token revokes its subtree (or orphans its children),
/// and tidying drops index entries whose token is gone.
/// </summary>
internal sealed class TokenTree
{
    private readonly IStorage _view;
    private readonly TokenEntries _entries;
    private readonly TokenSalt _salt;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<ITokenRevocationListener> _listeners;

    public TokenTree(IStorage view, TokenEntries entries, TokenSalt salt, TimeProvider time, IReadOnlyList<ITokenRevocationListener> listeners)
    {
        _view = view;
        _entries = entries;
        _salt = salt;
        _time = time;
        _listeners = listeners;
    }

    /// <summary>Records <paramref name="child"/> under <paramref name="parent"/>, so revoking the parent revokes it.</summary>
    public Task AddChildAsync(string parent, string child, CancellationToken ct) =>
        _view.PutAsync($"parent/{parent}/{child}", Array.Empty<byte>(), ct);

    /// <summary>The entry of a valid, unexpired token whose ancestors are all valid, or null (revoking what is not).</summary>
    public async Task<TokenEntry?> LookupAsync(string hash, CancellationToken ct)
    {
        var entry = await _entries.ReadAsync(hash, ct).ConfigureAwait(false);
        if (entry is null)
        {
            return null;
        }

        if (entry.IsExpired(_time.GetUtcNow()))
        {
            await RevokeTreeAsync(hash, ct).ConfigureAwait(false);
            return null;
        }

        // A child lives only as long as its parent (expiry of an ancestor is noticed lazily).
        if (entry.Parent is not null && await LookupAsync(entry.Parent, ct).ConfigureAwait(false) is null)
        {
            await RevokeTreeAsync(hash, ct).ConfigureAwait(false);
            return null;
        }

        return entry;
    }

    /// <summary>Revokes a token and all its descendants, depth-first, and their leases (through the listeners).</summary>
    public async Task RevokeTreeAsync(string hash, CancellationToken ct)
    {
        foreach (var child in await _view.ListAsync($"parent/{hash}/", ct).ConfigureAwait(false))
        {
            await RevokeTreeAsync(child, ct).ConfigureAwait(false);
        }

        await RemoveAsync(hash, ct).ConfigureAwait(false);
    }

    /// <summary>Revokes a token alone; its children become orphans.</summary>
    public async Task RevokeOrphanAsync(string hash, CancellationToken ct)
    {
        foreach (var child in await _view.ListAsync($"parent/{hash}/", ct).ConfigureAwait(false))
        {
            if (await _entries.ReadAsync(child, ct).ConfigureAwait(false) is { } entry)
            {
                await _entries.WriteAsync(entry with { Parent = null, Orphan = true }, ct).ConfigureAwait(false);
            }

            await _view.DeleteAsync($"parent/{hash}/{child}", ct).ConfigureAwait(false);
        }

        await RemoveAsync(hash, ct).ConfigureAwait(false);
    }

    /// <summary>Removes index entries that point at tokens which no longer exist, and expired tokens.</summary>
    public async Task TidyAsync(CancellationToken ct)
    {
        foreach (var hash in await _entries.ListAsync(ct).ConfigureAwait(false))
        {
            if (await _entries.ReadAsync(hash, ct).ConfigureAwait(false) is { } entry && entry.IsExpired(_time.GetUtcNow()))
            {
                await RevokeTreeAsync(hash, ct).ConfigureAwait(false);
            }
        }

        foreach (var accessor in await _view.ListAsync("accessor/", ct).ConfigureAwait(false))
        {
            var target = await _view.GetAsync("accessor/" + accessor, ct).ConfigureAwait(false);
            if (target is null || await _entries.ReadAsync(Encoding.UTF8.GetString(target), ct).ConfigureAwait(false) is null)
            {
                await _view.DeleteAsync("accessor/" + accessor, ct).ConfigureAwait(false);
            }
        }

        foreach (var parent in await _view.ListAsync("parent/", ct).ConfigureAwait(false))
        {
            foreach (var child in await _view.ListAsync("parent/" + parent, ct).ConfigureAwait(false))
            {
                if (await _entries.ReadAsync(child, ct).ConfigureAwait(false) is null)
                {
                    await _view.DeleteAsync($"parent/{parent}{child}", ct).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task RemoveAsync(string hash, CancellationToken ct)
    {
        // The entry goes under the token's gate; the listeners run outside it (they may revoke other tokens, whose
        // gates may be this one).
        var entry = await _entries.DeleteAsync(hash, ct).ConfigureAwait(false);
        if (entry is null)
        {
            return;
        }

        if (entry.Accessor.Length > 0)
        {
            await _view.DeleteAsync("accessor/" + await _salt.HashAsync(entry.Accessor, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }

        if (entry.Parent is not null)
        {
            await _view.DeleteAsync($"parent/{entry.Parent}/{hash}", ct).ConfigureAwait(false);
        }

        foreach (var listener in _listeners)
        {
            await listener.OnTokenRevokedAsync(entry, ct).ConfigureAwait(false);
        }
    }
}
