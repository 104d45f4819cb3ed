using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tokens;

/// <summary>
/// Tokens under <c>sys/token/</c>: entries keyed by an HMAC of the token with a per-cluster salt (so
/// storage never holds a usable token), an accessor index, a parent → child index for tree revocation,
/// and roles. A new token's entry is written last, so a crash never leaves a usable half-made token.
/// </summary>
public sealed class TokenStore : ILifecycleParticipant
{
    private const string SaltKey = "salt";

    private readonly StorageView _view;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<ITokenRevocationListener> _listeners;
    private readonly ITokenLeaseTracker? _leases;
    private readonly SemaphoreSlim _saltLock = new(1, 1);
    private readonly SemaphoreSlim[] _useLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly TokenEntryCache _cache = new();
    private byte[]? _salt;

    public TokenStore(IStorage barrier, TimeProvider time, IEnumerable<ITokenRevocationListener>? listeners = null, ITokenLeaseTracker? leases = null)
    {
        _leases = leases;
        _view = new StorageView(barrier, "sys/token/");
        _time = time;
        _listeners = [.. listeners ?? []];
    }

    /// <summary>Creates a root token (policy <c>root</c>, no TTL). <paramref name="id"/> chooses the token (dev mode).</summary>
    public async Task<string> CreateRootTokenAsync(string? id, CancellationToken ct = default)
    {
        if (id is not null && (id.Length == 0 || (id.Contains('.', StringComparison.Ordinal) && !id.StartsWith(TokenGenerator.ServicePrefix, StringComparison.Ordinal))))
        {
            throw LogicalException.BadRequest("a custom root token id must be non-empty and may not contain '.'");
        }

        var (token, _) = await CreateAsync(new TokenCreateRequest { Id = id, Policies = ["root"], Path = "auth/token/root", DisplayName = "root" }, ct).ConfigureAwait(false);
        return token;
    }

    /// <summary>Mints a token; returns the token (shown once) and its entry.</summary>
    public async Task<(string Token, TokenEntry Entry)> CreateAsync(TokenCreateRequest request, CancellationToken ct = default)
    {
        var batch = request.Type == "batch";

        // A batch token cannot be revoked: a root one would hold root until it expires, or forever without a TTL.
        if (batch && request.Policies.Contains(PolicyNames.Root))
        {
            throw LogicalException.BadRequest("batch tokens cannot be root tokens");
        }

        var token = request.Id ?? (batch ? TokenGenerator.NewBatchToken() : TokenGenerator.NewServiceToken());
        var hash = await HashAsync(token, ct).ConfigureAwait(false);
        if (await _view.GetAsync("id/" + hash, ct).ConfigureAwait(false) is not null)
        {
            throw LogicalException.BadRequest("cannot create a token with a duplicate ID");
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var ttl = (long)Math.Ceiling(request.Ttl.TotalSeconds);

        // Only a root token may live forever (Vault): a non-root token without a TTL is a bug upstream, never "no expiry".
        if (ttl <= 0 && !request.Policies.Contains(PolicyNames.Root))
        {
            throw new InvalidOperationException("A non-root token must have a positive TTL.");
        }

        var max = request.ExplicitMaxTtl > TimeSpan.Zero && (request.MaxTtl == TimeSpan.Zero || request.ExplicitMaxTtl < request.MaxTtl) ? request.ExplicitMaxTtl : request.MaxTtl;
        var entry = new TokenEntry
        {
            Hash = hash,
            Accessor = batch ? "" : TokenGenerator.NewAccessor(),
            Policies = request.Policies,
            Path = request.Path,
            DisplayName = request.DisplayName,
            CreationTime = now,
            Ttl = ttl,
            ExpireTime = ttl > 0 ? now + ttl : 0,
            MaxExpireTime = request.Period > TimeSpan.Zero && request.ExplicitMaxTtl == TimeSpan.Zero ? 0 : max > TimeSpan.Zero ? now + (long)max.TotalSeconds : 0,
            ExplicitMaxTtl = (long)request.ExplicitMaxTtl.TotalSeconds,
            Period = (long)request.Period.TotalSeconds,
            NumUses = request.NumUses,
            Renewable = request.Renewable && !batch && ttl > 0,
            Orphan = request.ParentHash is null,
            Parent = request.ParentHash,
            Meta = request.Meta,
            Role = request.Role,
            BoundCidrs = request.BoundCidrs,
            Type = batch ? "batch" : "service",
        };

        if (request.ParentHash is not null)
        {
            await _view.PutAsync($"parent/{request.ParentHash}/{hash}", Array.Empty<byte>(), ct).ConfigureAwait(false);
        }

        if (!batch)
        {
            await _view.PutAsync("accessor/" + await HashAsync(entry.Accessor, ct).ConfigureAwait(false), Encoding.UTF8.GetBytes(hash), ct).ConfigureAwait(false);
        }

        // The lease first: a lease whose token never got written revokes nothing, a token without its lease would outlive its TTL until used.
        if (_leases is not null)
        {
            await _leases.OnTokenCreatedAsync(entry, ct).ConfigureAwait(false);
        }

        await WriteAsync(entry, ct).ConfigureAwait(false);
        return (token, entry);
    }

    /// <summary>The entry of a valid, unexpired token whose ancestors are all valid, or null.</summary>
    public async Task<TokenEntry?> LookupAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        return await LookupByHashAsync(await HashAsync(token, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    /// <summary>The entry of the valid token with <paramref name="accessor"/>, or null.</summary>
    public async Task<TokenEntry?> LookupByAccessorAsync(string? accessor, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(accessor) || accessor.Length > 256)
        {
            return null;
        }

        var hash = await _view.GetAsync("accessor/" + await HashAsync(accessor, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        return hash is null ? null : await LookupByHashAsync(Encoding.UTF8.GetString(hash), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks the token up for one request and spends one of its uses: a token with N uses serves exactly
    /// N requests (the lock makes concurrent uses count exactly). On the last use the entry is marked
    /// <see cref="TokenEntry.LastUse"/>: it keeps working for that request and the caller revokes it after.
    /// </summary>
    public async Task<TokenEntry?> UseAsync(string? token, CancellationToken ct = default)
    {
        var entry = await LookupAsync(token, ct).ConfigureAwait(false);
        if (entry is null || entry.NumUses == 0)
        {
            return entry;
        }

        var gate = GateOf(entry.Hash);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = await LookupByHashAsync(entry.Hash, ct).ConfigureAwait(false);
            if (current is null || current.NumUses == TokenEntry.LastUse)
            {
                return null;
            }

            var spent = current with { NumUses = current.NumUses == 1 ? TokenEntry.LastUse : current.NumUses - 1 };
            await WriteAsync(spent, ct).ConfigureAwait(false);
            return spent;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Renews a token; answers the updated entry and a warning when the max TTL capped it.</summary>
    public async Task<(TokenEntry Entry, string? Warning)> RenewAsync(TokenEntry entry, TimeSpan increment, CancellationToken ct = default)
    {
        if (!entry.Renewable)
        {
            throw LogicalException.BadRequest("lease is not renewable");
        }

        // Read, extend and write under the token's gate, from the stored entry: a renewal built on a copy read earlier
        // would write back a token revoked meanwhile, or uses spent meanwhile (found by an independent attack).
        var gate = GateOf(entry.Hash);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        string? warning;
        TokenEntry renewed;
        try
        {
            var current = await LookupByHashAsync(entry.Hash, ct).ConfigureAwait(false) ?? throw LogicalException.PermissionDenied();
            (renewed, warning) = Extend(current, increment);
            if (renewed.ExpireTime > _time.GetUtcNow().ToUnixTimeSeconds())
            {
                if (_leases is not null)
                {
                    await _leases.OnTokenRenewedAsync(renewed, ct).ConfigureAwait(false);
                }

                await WriteAsync(renewed, ct).ConfigureAwait(false);
                return (renewed, warning);
            }
        }
        finally
        {
            gate.Release();
        }

        // Never turn an expiring token into one that does not expire (CVE-2021-32923). Revoked outside the gate, which
        // the revocation takes itself.
        await RevokeTreeAsync(entry.Hash, ct).ConfigureAwait(false);
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
            warning = $"TTL of \"{Sdk.Time.Durations.Format(TimeSpan.FromSeconds(requested))}\" exceeded the effective max_ttl of \"{Sdk.Time.Durations.Format(TimeSpan.FromSeconds(Math.Max(0, entry.MaxExpireTime - now)))}\"; TTL value is capped accordingly";
            expire = entry.MaxExpireTime;
        }

        return (entry with { ExpireTime = Math.Max(expire, 0), LastRenewalTime = now }, warning);
    }

    /// <summary>Revokes a token and all its descendants, depth-first, and their leases (through the listeners).</summary>
    public async Task RevokeTreeAsync(string hash, CancellationToken ct = default)
    {
        foreach (var child in await _view.ListAsync($"parent/{hash}/", ct).ConfigureAwait(false))
        {
            await RevokeTreeAsync(child, ct).ConfigureAwait(false);
        }

        await RemoveAsync(hash, ct).ConfigureAwait(false);
    }

    /// <summary>Revokes a token alone; its children become orphans.</summary>
    public async Task RevokeOrphanAsync(string hash, CancellationToken ct = default)
    {
        foreach (var child in await _view.ListAsync($"parent/{hash}/", ct).ConfigureAwait(false))
        {
            if (await ReadAsync(child, ct).ConfigureAwait(false) is { } entry)
            {
                await WriteAsync(entry with { Parent = null, Orphan = true }, ct).ConfigureAwait(false);
            }

            await _view.DeleteAsync($"parent/{hash}/{child}", ct).ConfigureAwait(false);
        }

        await RemoveAsync(hash, ct).ConfigureAwait(false);
    }

    /// <summary>True when a token entry is stored under <paramref name="hash"/> (expired or not).</summary>
    public async Task<bool> ExistsAsync(string hash, CancellationToken ct = default) => await ReadAsync(hash, ct).ConfigureAwait(false) is not null;

    /// <summary>The salted hash of a token, for callers that revoke by token.</summary>
    public Task<string> HashOfAsync(string token, CancellationToken ct = default) => HashAsync(token, ct);

    /// <summary>Every accessor of a live token (for <c>LIST auth/token/accessors</c>).</summary>
    public async Task<IReadOnlyList<string>> ListAccessorsAsync(CancellationToken ct = default)
    {
        var accessors = new List<string>();
        foreach (var hash in await _view.ListAsync("id/", ct).ConfigureAwait(false))
        {
            if (await ReadAsync(hash, ct).ConfigureAwait(false) is { Accessor.Length: > 0 } entry && !entry.IsExpired(_time.GetUtcNow()))
            {
                accessors.Add(entry.Accessor);
            }
        }

        return accessors;
    }

    /// <summary>Removes index entries that point at tokens which no longer exist, and expired tokens.</summary>
    public async Task TidyAsync(CancellationToken ct = default)
    {
        foreach (var hash in await _view.ListAsync("id/", ct).ConfigureAwait(false))
        {
            if (await ReadAsync(hash, ct).ConfigureAwait(false) is { } entry && entry.IsExpired(_time.GetUtcNow()))
            {
                await RevokeTreeAsync(hash, ct).ConfigureAwait(false);
            }
        }

        foreach (var accessor in await _view.ListAsync("accessor/", ct).ConfigureAwait(false))
        {
            var target = await _view.GetAsync("accessor/" + accessor, ct).ConfigureAwait(false);
            if (target is null || await ReadAsync(Encoding.UTF8.GetString(target), ct).ConfigureAwait(false) is null)
            {
                await _view.DeleteAsync("accessor/" + accessor, ct).ConfigureAwait(false);
            }
        }

        foreach (var parent in await _view.ListAsync("parent/", ct).ConfigureAwait(false))
        {
            foreach (var child in await _view.ListAsync("parent/" + parent, ct).ConfigureAwait(false))
            {
                if (await ReadAsync(child, ct).ConfigureAwait(false) is null)
                {
                    await _view.DeleteAsync($"parent/{parent}{child}", ct).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The stored roles.</summary>
    public TokenRoleStore Roles => new(_view.SubView("roles/"));

    /// <inheritdoc />
    public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnUnsealAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public void OnSeal()
    {
        _cache.Clear();
        var salt = Interlocked.Exchange(ref _salt, null);
        if (salt is not null)
        {
            CryptographicOperations.ZeroMemory(salt);
        }
    }

    private async Task<TokenEntry?> LookupByHashAsync(string hash, CancellationToken ct)
    {
        var entry = await ReadAsync(hash, ct).ConfigureAwait(false);
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
        if (entry.Parent is not null && await LookupByHashAsync(entry.Parent, ct).ConfigureAwait(false) is null)
        {
            await RevokeTreeAsync(hash, ct).ConfigureAwait(false);
            return null;
        }

        return entry;
    }

    private async Task<TokenEntry?> ReadAsync(string hash, CancellationToken ct)
    {
        if (_cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var generation = _cache.Generation;
        var bytes = await _view.GetAsync("id/" + hash, ct).ConfigureAwait(false);
        var entry = bytes is null ? null : JsonSerializer.Deserialize<TokenEntry>(bytes);
        if (entry is not null)
        {
            _cache.AddIfUnchanged(hash, entry, generation);
        }

        return entry;
    }

    private async Task WriteAsync(TokenEntry entry, CancellationToken ct)
    {
        await _view.PutAsync("id/" + entry.Hash, JsonSerializer.SerializeToUtf8Bytes(entry), ct).ConfigureAwait(false);
        _cache.Changed(entry.Hash);
    }

    private async Task RemoveAsync(string hash, CancellationToken ct)
    {
        // The entry goes under the token's gate, so a renewal or a use in flight cannot write it back afterwards;
        // the listeners run outside it (they may revoke other tokens, whose gates may be this one).
        TokenEntry? entry;
        var gate = GateOf(hash);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            entry = await ReadAsync(hash, ct).ConfigureAwait(false);
            await _view.DeleteAsync("id/" + hash, ct).ConfigureAwait(false);
            _cache.Changed(hash);
        }
        finally
        {
            gate.Release();
        }

        if (entry is null)
        {
            return;
        }

        if (entry.Accessor.Length > 0)
        {
            await _view.DeleteAsync("accessor/" + await HashAsync(entry.Accessor, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
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

    private SemaphoreSlim GateOf(string hash) => _useLocks[(uint)hash.GetHashCode(StringComparison.Ordinal) % _useLocks.Length];

    private async Task<string> HashAsync(string value, CancellationToken ct)
    {
        var salt = _salt ?? await LoadSaltAsync(ct).ConfigureAwait(false);
        return "h" + Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(value)));
    }

    private async Task<byte[]> LoadSaltAsync(CancellationToken ct)
    {
        await _saltLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_salt is not null)
            {
                return _salt;
            }

            var salt = await _view.GetAsync(SaltKey, ct).ConfigureAwait(false);
            if (salt is null)
            {
                salt = RandomNumberGenerator.GetBytes(32);
                await _view.PutAsync(SaltKey, salt, ct).ConfigureAwait(false);
            }

            _salt = salt;
            return salt;
        }
        finally
        {
            _saltLock.Release();
        }
    }
}
