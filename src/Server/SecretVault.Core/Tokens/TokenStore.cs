using System.Text;
using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tokens;

/// <summary>
/// Tokens under <c>sys/token/</c>: entries keyed by an HMAC of the token with a per-cluster salt (so
/// storage never holds a usable token, <see cref="TokenSalt"/>), an accessor index, a parent → child index for tree
/// revocation (<see cref="TokenTree"/>), use counting (<see cref="TokenUses"/>), renewal and roles. A new token's
/// entry is written last, so a crash never leaves a usable half-made token.
/// </summary>
public sealed class TokenStore : ILifecycleParticipant
{
    private readonly StorageView _view;
    private readonly TimeProvider _time;
    private readonly ITokenLeaseTracker? _leases;
    private readonly TokenSalt _salt;
    private readonly TokenEntries _entries;
    private readonly TokenTree _tree;
    private readonly TokenUses _uses;
    private readonly TokenRenewal _renewal;

    public TokenStore(IStorage barrier, TimeProvider time, IEnumerable<ITokenRevocationListener>? listeners = null, ITokenLeaseTracker? leases = null)
    {
        _leases = leases;
        _view = new StorageView(barrier, "sys/token/");
        _time = time;
        _salt = new TokenSalt(_view);
        _entries = new TokenEntries(_view);
        _tree = new TokenTree(_view, _entries, _salt, time, [.. listeners ?? []]);
        _uses = new TokenUses(_entries, _tree);
        _renewal = new TokenRenewal(_entries, _tree, leases, time);
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
        var hash = await _salt.HashAsync(token, ct).ConfigureAwait(false);
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
            await _tree.AddChildAsync(request.ParentHash, hash, ct).ConfigureAwait(false);
        }

        if (!batch)
        {
            await _view.PutAsync("accessor/" + await _salt.HashAsync(entry.Accessor, ct).ConfigureAwait(false), Encoding.UTF8.GetBytes(hash), ct).ConfigureAwait(false);
        }

        // The lease first: a lease whose token never got written revokes nothing, a token without its lease would outlive its TTL until used.
        if (_leases is not null)
        {
            await _leases.OnTokenCreatedAsync(entry, ct).ConfigureAwait(false);
        }

        await _entries.WriteAsync(entry, ct).ConfigureAwait(false);
        return (token, entry);
    }

    /// <summary>The entry of a valid, unexpired token whose ancestors are all valid, or null.</summary>
    public async Task<TokenEntry?> LookupAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        return await _tree.LookupAsync(await _salt.HashAsync(token, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    /// <summary>The entry of the valid token with <paramref name="accessor"/>, or null.</summary>
    public async Task<TokenEntry?> LookupByAccessorAsync(string? accessor, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(accessor) || accessor.Length > 256)
        {
            return null;
        }

        var hash = await _view.GetAsync("accessor/" + await _salt.HashAsync(accessor, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        return hash is null ? null : await _tree.LookupAsync(Encoding.UTF8.GetString(hash), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks the token up for one request and spends one of its uses: a token with N uses serves exactly
    /// N requests (the token's gate makes concurrent uses count exactly). On the last use the entry is marked
    /// <see cref="TokenEntry.LastUse"/>: it keeps working for that request and the caller revokes it after.
    /// </summary>
    public async Task<TokenEntry?> UseAsync(string? token, CancellationToken ct = default)
    {
        var entry = await LookupAsync(token, ct).ConfigureAwait(false);
        if (entry is null || entry.NumUses == 0)
        {
            return entry;
        }

        return await _uses.SpendAsync(entry, ct).ConfigureAwait(false);
    }

    /// <summary>Renews a token; answers the updated entry and a warning when the max TTL capped it.</summary>
    public Task<(TokenEntry Entry, string? Warning)> RenewAsync(TokenEntry entry, TimeSpan increment, CancellationToken ct = default) =>
        _renewal.RenewAsync(entry, increment, ct);

    /// <summary>Revokes a token and all its descendants, depth-first, and their leases (through the listeners).</summary>
    public Task RevokeTreeAsync(string hash, CancellationToken ct = default) => _tree.RevokeTreeAsync(hash, ct);

    /// <summary>Revokes a token alone; its children become orphans.</summary>
    public Task RevokeOrphanAsync(string hash, CancellationToken ct = default) => _tree.RevokeOrphanAsync(hash, ct);

    /// <summary>True when a token entry is stored under <paramref name="hash"/> (expired or not).</summary>
    public async Task<bool> ExistsAsync(string hash, CancellationToken ct = default) => await _entries.ReadAsync(hash, ct).ConfigureAwait(false) is not null;

    /// <summary>The salted hash of a token, for callers that revoke by token.</summary>
    public Task<string> HashOfAsync(string token, CancellationToken ct = default) => _salt.HashAsync(token, ct);

    /// <summary>Every accessor of a live token (for <c>LIST auth/token/accessors</c>).</summary>
    public async Task<IReadOnlyList<string>> ListAccessorsAsync(CancellationToken ct = default)
    {
        var accessors = new List<string>();
        foreach (var hash in await _entries.ListAsync(ct).ConfigureAwait(false))
        {
            if (await _entries.ReadAsync(hash, ct).ConfigureAwait(false) is { Accessor.Length: > 0 } entry && !entry.IsExpired(_time.GetUtcNow()))
            {
                accessors.Add(entry.Accessor);
            }
        }

        return accessors;
    }

    /// <summary>Removes index entries that point at tokens which no longer exist, and expired tokens.</summary>
    public Task TidyAsync(CancellationToken ct = default) => _tree.TidyAsync(ct);

    /// <summary>The stored roles.</summary>
    public TokenRoleStore Roles => new(_view.SubView("roles/"));

    /// <inheritdoc />
    public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnUnsealAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public void OnSeal()
    {
        _entries.Clear();
        _salt.Forget();
    }
}
