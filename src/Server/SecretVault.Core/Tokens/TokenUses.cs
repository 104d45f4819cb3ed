namespace SecretVault.Core.Tokens;

/// <summary>
/// Spends the uses of use-limited tokens: a token with N uses serves exactly N requests, however many race, because
/// each use re-reads and rewrites the entry under the token's gate.
/// </summary>
internal sealed class TokenUses
{
    private readonly TokenEntries _entries;
    private readonly TokenTree _tree;

    public TokenUses(TokenEntries entries, TokenTree tree)
    {
        _entries = entries;
        _tree = tree;
    }

    /// <summary>
    /// Spends one use of the looked-up <paramref name="entry"/>: null when the token is gone or its last use is
    /// spent. On the last use the entry is marked <see cref="TokenEntry.LastUse"/>: it keeps working for that request
    /// and the caller revokes it after.
    /// </summary>
    public async Task<TokenEntry?> SpendAsync(TokenEntry entry, CancellationToken ct)
    {
        using (await _entries.GateAsync(entry.Hash, ct).ConfigureAwait(false))
        {
            var current = await _tree.LookupAsync(entry.Hash, ct).ConfigureAwait(false);
            if (current is null || current.NumUses == TokenEntry.LastUse)
            {
                return null;
            }

            var spent = current with { NumUses = current.NumUses == 1 ? TokenEntry.LastUse : current.NumUses - 1 };
            await _entries.WriteAsync(spent, ct).ConfigureAwait(false);
            return spent;
        }
    }
}
