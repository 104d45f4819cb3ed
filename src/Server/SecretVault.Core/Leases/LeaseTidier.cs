using Microsoft.Extensions.Logging;
using SecretVault.Core.Tokens;

namespace SecretVault.Core.Leases;

/// <summary>The walks over every stored lease that operators ask for: the irrevocable list and tidy.</summary>
internal sealed partial class LeaseTidier
{
    private readonly LeaseStore _store;
    private readonly LeaseRevoker _revoker;
    private readonly TokenStore _tokens;
    private readonly ILogger _log;

    public LeaseTidier(LeaseStore store, LeaseRevoker revoker, TokenStore tokens, ILogger log)
    {
        _store = store;
        _revoker = revoker;
        _tokens = tokens;
        _log = log;
    }

    /// <summary>Every irrevocable lease (read from storage, which is their only record).</summary>
    public async Task<IReadOnlyList<LeaseEntry>> IrrevocableAsync(CancellationToken ct)
    {
        var found = new List<LeaseEntry>();
        await foreach (var id in _store.WalkAsync("", ct).ConfigureAwait(false))
        {
            if (await _store.GetAsync(id, ct).ConfigureAwait(false) is { Irrevocable: true } lease)
            {
                found.Add(lease);
            }
        }

        return found;
    }

    /// <summary>Revokes secret leases whose token is gone and drops index entries whose lease is gone.</summary>
    public async Task TidyAsync(CancellationToken ct)
    {
        var orphaned = new List<string>();
        await foreach (var id in _store.WalkAsync("", ct).ConfigureAwait(false))
        {
            if (await _store.GetAsync(id, ct).ConfigureAwait(false) is { IsTokenLease: false, TokenHash.Length: > 0, Pending: false } lease
                && await _tokens.ExistsAsync(lease.TokenHash, ct).ConfigureAwait(false) is false)
            {
                orphaned.Add(id);
            }
        }

        foreach (var id in orphaned)
        {
            await _revoker.RevokeAsync(id, force: false, throwOnFailure: false, ct).ConfigureAwait(false);
        }

        foreach (var token in await _store.IndexedTokensAsync(ct).ConfigureAwait(false))
        {
            var hash = token.TrimEnd('/');
            foreach (var id in await _store.LeaseIdsOfTokenAsync(hash, ct).ConfigureAwait(false))
            {
                if (await _store.GetAsync(id, ct).ConfigureAwait(false) is null)
                {
                    await _store.DeleteIndexAsync(hash, id, ct).ConfigureAwait(false);
                }
            }
        }

        LogTidied(_log, orphaned.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "expiration: tidy revoked {Count} leases whose token is gone")]
    private static partial void LogTidied(ILogger logger, int count);
}
