using SecretVault.Core.Tokens;

namespace SecretVault.Core.Leases;

/// <summary>
/// The leases of tokens: a token with a TTL gets a lease <c>&lt;creation path&gt;/&lt;token hash&gt;</c>, so the
/// expiration manager revokes it on time and prefix revocation reaches it. When a token goes, its lease goes
/// and so do the secret leases it owns.
/// </summary>
public sealed class TokenLeaseTracker : ITokenLeaseTracker, ITokenRevocationListener
{
    private readonly LeaseStore _store;
    private readonly ExpirationQueue _queue;
    private readonly LeaseRevoker _revoker;

    public TokenLeaseTracker(LeaseStore store, ExpirationQueue queue, LeaseRevoker revoker)
    {
        _store = store;
        _queue = queue;
        _revoker = revoker;
    }

    /// <summary>The lease ID of a token.</summary>
    public static string LeaseIdOf(TokenEntry entry) => $"{entry.Path.TrimEnd('/')}/{entry.Hash}";

    /// <inheritdoc />
    public Task OnTokenCreatedAsync(TokenEntry entry, CancellationToken ct) => WriteAsync(entry, ct);

    /// <inheritdoc />
    public Task OnTokenRenewedAsync(TokenEntry entry, CancellationToken ct) => WriteAsync(entry, ct);

    /// <inheritdoc />
    public async Task OnTokenRevokedAsync(TokenEntry entry, CancellationToken ct)
    {
        if (entry.IsBatch)
        {
            return;
        }

        foreach (var leaseId in await _store.LeaseIdsOfTokenAsync(entry.Hash, ct).ConfigureAwait(false))
        {
            // A failure is retried by the expiration manager; the token is gone either way.
            await _revoker.RevokeAsync(leaseId, force: false, throwOnFailure: false, ct).ConfigureAwait(false);
        }

        if (entry.ExpireTime > 0)
        {
            await _store.DeleteTokenLeaseAsync(LeaseIdOf(entry), ct).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(TokenEntry entry, CancellationToken ct)
    {
        if (entry.IsBatch || entry.ExpireTime == 0)
        {
            return;
        }

        var expire = DateTimeOffset.FromUnixTimeSeconds(entry.ExpireTime);
        var lease = new LeaseEntry
        {
            LeaseId = LeaseIdOf(entry),
            Path = entry.Path.TrimEnd('/'),
            TokenHash = entry.Hash,
            IsTokenLease = true,
            Ttl = TimeSpan.FromSeconds(entry.Ttl),
            IssueTime = DateTimeOffset.FromUnixTimeSeconds(entry.CreationTime),
            ExpireTime = expire,
            MaxExpireTime = entry.MaxExpireTime > 0 ? DateTimeOffset.FromUnixTimeSeconds(entry.MaxExpireTime) : expire,
            LastRenewalTime = entry.LastRenewalTime > 0 ? DateTimeOffset.FromUnixTimeSeconds(entry.LastRenewalTime) : null,
            Renewable = entry.Renewable,
        };
        await _store.PutAsync(lease, ct).ConfigureAwait(false);
        _queue.Schedule(lease.LeaseId, expire);
    }
}
