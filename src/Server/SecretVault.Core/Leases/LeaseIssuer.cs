using System.Security.Cryptography;
using SecretVault.Core.Mounts;
using SecretVault.Core.Responses;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Leases;

/// <summary>
/// Gives a backend's leased secret its lease. On a path that declares it issues leases the lease is reserved
/// (written as pending) before the backend runs and completed after, so a crash in between leaves a pending
/// lease that restore revokes; if completing fails, the secret is revoked through the backend before the error.
/// </summary>
public sealed class LeaseIssuer
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly LeaseStore _store;
    private readonly ExpirationQueue _queue;
    private readonly LeaseRevoker _revoker;
    private readonly VaultOptions _options;
    private readonly TimeProvider _time;

    public LeaseIssuer(LeaseStore store, ExpirationQueue queue, LeaseRevoker revoker, VaultOptions options, TimeProvider time)
    {
        _store = store;
        _queue = queue;
        _revoker = revoker;
        _options = options;
        _time = time;
    }

    /// <summary>Writes a pending lease for a request about to issue a secret of <paramref name="secretType"/>.</summary>
    public async Task<LeaseEntry> ReserveAsync(string requestPath, string secretType, TokenEntry token, MountEntry? mount, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var max = MountTtls.Of(mount, _options).Max;
        var lease = NewLease(requestPath, token, mount, now) with { SecretType = secretType, ExpireTime = now + max, MaxExpireTime = now + max, Pending = true };
        await _store.PutAsync(lease, ct).ConfigureAwait(false);
        return lease;
    }

    /// <summary>
    /// Completes the lease of <paramref name="response"/>'s secret (reserved or not), schedules its expiry and answers
    /// the envelope with the lease. If the lease cannot be written the secret is revoked and the error rethrown.
    /// </summary>
    public async Task<ResponseEnvelope> CompleteAsync(LeaseEntry? reserved, string requestPath, ResponseEnvelope response, TokenEntry token, MountEntry? mount, CancellationToken ct)
    {
        var secret = response.Secret ?? throw new ArgumentException("the response holds no secret to lease", nameof(response));
        var now = _time.GetUtcNow();
        var ttls = MountTtls.Of(mount, _options);
        var max = secret.MaxTtl > TimeSpan.Zero && secret.MaxTtl < ttls.Max ? secret.MaxTtl : ttls.Max;
        var ttl = secret.Ttl > TimeSpan.Zero ? secret.Ttl : ttls.Default;
        if (ttl > max)
        {
            ttl = max;
        }

        // A batch token's leases cannot outlive it: nothing revokes them with the token.
        if (token.IsBatch && token.ExpireTime > 0)
        {
            var left = DateTimeOffset.FromUnixTimeSeconds(token.ExpireTime) - now;
            ttl = left < ttl ? left : ttl;
        }

        var lease = (reserved ?? NewLease(requestPath, token, mount, now)) with
        {
            SecretType = secret.Type,
            InternalData = secret.InternalData,
            Ttl = ttl,
            ExpireTime = now + ttl,
            MaxExpireTime = now + max,
            Renewable = secret.Renewable,
            Pending = false,
        };

        try
        {
            await _store.PutAsync(lease, ct).ConfigureAwait(false);
        }
        catch
        {
            // The secret exists and no lease will ever revoke it: take it back now.
            await _revoker.RollBackAsync(lease).ConfigureAwait(false);
            throw;
        }

        _queue.Schedule(lease.LeaseId, lease.ExpireTime);
        return response with { LeaseId = lease.LeaseId, Secret = secret with { Ttl = ttl } };
    }

    // A batch token's leases belong to no token: nothing revokes them with it (their TTL is capped instead).
    private static LeaseEntry NewLease(string requestPath, TokenEntry token, MountEntry? mount, DateTimeOffset now) => new()
    {
        LeaseId = $"{requestPath.TrimEnd('/')}/{RandomNumberGenerator.GetString(IdAlphabet, 24)}",
        Path = requestPath.TrimEnd('/'),
        TokenHash = token.IsBatch ? "" : token.Hash,
        IssueTime = now,
        ExpireTime = now,
        MaxExpireTime = now,
        MountAccessor = mount?.Accessor ?? "",
    };

    /// <summary>Deletes a reservation whose request issued nothing.</summary>
    public Task AbandonAsync(LeaseEntry reserved, CancellationToken ct) => _store.DeleteAsync(reserved, ct);
}
