using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Core.Tokens;

/// <summary>Extends a renewable token's expiry within its max TTL, under the token's gate.</summary>
internal sealed class TokenRenewal
{
    private readonly TokenEntries _entries;
    private readonly TokenTree _tree;
    private readonly ITokenLeaseTracker? _leases;
    private readonly TimeProvider _time;

    public TokenRenewal(TokenEntries entries, TokenTree tree, ITokenLeaseTracker? leases, TimeProvider time)
    {
        _entries = entries;
        _tree = tree;
        _leases = leases;
        _time = time;
    }

    /// <summary>Renews a token; answers the updated entry and a warning when the max TTL capped it.</summary>
    public async Task<(TokenEntry Entry, string? Warning)> RenewAsync(TokenEntry entry, TimeSpan increment, CancellationToken ct)
    {
        if (!entry.Renewable)
        {
            throw LogicalException.BadRequest("lease is not renewable");
        }

        // Read, extend and write under the token's gate, from the stored entry: a renewal built on a copy read earlier
        // would write back a token revoked meanwhile, or uses spent meanwhile (found by an independent attack).
        using (await _entries.GateAsync(entry.Hash, ct).ConfigureAwait(false))
        {
            var current = await _tree.LookupAsync(entry.Hash, ct).ConfigureAwait(false) ?? throw LogicalException.PermissionDenied();
            var (renewed, warning) = Extend(current, increment);
            if (renewed.ExpireTime > _time.GetUtcNow().ToUnixTimeSeconds())
            {
                if (_leases is not null)
                {
                    await _leases.OnTokenRenewedAsync(renewed, ct).ConfigureAwait(false);
                }

                await _entries.WriteAsync(renewed, ct).ConfigureAwait(false);
                return (renewed, warning);
            }
        }

        // Never turn an expiring token into one that does not expire (CVE-2021-32923). Revoked outside the gate, which
        // the revocation takes itself.
        await _tree.RevokeTreeAsync(entry.Hash, ct).ConfigureAwait(false);
        throw LogicalException.BadRequest("token expired: it reached its maximum TTL");
    }

    private (TokenEntry Renewed, string? Warning) Extend(TokenEntry entry, TimeSpan increment)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var requested = entry.Period > 0 ? entry.Period : increment > TimeSpan.Zero ? (long)increment.TotalSeconds : entry.Ttl;
        var expire = now + requested;
        string? warning = null;
        if (entry.MaxExpireTime > 0 && expire > entry.MaxExpireTime)
        {
            warning = $"TTL of \"{Durations.Format(TimeSpan.FromSeconds(requested))}\" exceeded the effective max_ttl of \"{Durations.Format(TimeSpan.FromSeconds(Math.Max(0, entry.MaxExpireTime - now)))}\"; TTL value is capped accordingly";
            expire = entry.MaxExpireTime;
        }

        return (entry with { ExpireTime = Math.Max(expire, 0), LastRenewalTime = now }, warning);
    }
}
