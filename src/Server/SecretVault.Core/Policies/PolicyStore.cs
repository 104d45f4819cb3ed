using System.Collections.Concurrent;
using System.Text;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Policies;

/// <summary>
/// ACL policies under <c>sys/policy/</c>, parsed on load and cached, with compiled ACLs cached per
/// policy set. Any write or delete drops both caches, so a change applies to the next request.
/// </summary>
public sealed class PolicyStore : ILifecycleParticipant
{
    private readonly StorageView _view;
    private readonly ConcurrentDictionary<string, Policy?> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Acl> _acls = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // A read that raced with a policy change must not be cached: a cache entry is added only if no change
    // happened since the read began (checked and cleared under one lock), so an old policy never outlives its update.
    private readonly Lock _cacheGate = new();
    private long _generation;

    public PolicyStore(IStorage barrier)
    {
        _view = new StorageView(barrier, "sys/policy/");
    }

    /// <summary>The stored policy, or null.</summary>
    public async Task<Policy?> GetAsync(string name, CancellationToken ct = default)
    {
        name = PolicyNames.Normalize(name);
        if (name == PolicyNames.ResponseWrapping)
        {
            return BuiltInPolicies.ResponseWrapping;
        }

        if (name == PolicyNames.Root || !PolicyNames.IsValid(name))
        {
            return null;
        }

        if (_policies.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var generation = Volatile.Read(ref _generation);
        var bytes = await _view.GetAsync(name, ct).ConfigureAwait(false);
        var policy = bytes is null ? null : PolicyParser.Parse(name, Encoding.UTF8.GetString(bytes));
        CacheIfUnchanged(generation, () => _policies[name] = policy);
        return policy;
    }

    /// <summary>Parses and stores a policy; returns the name it is stored under (lower-cased). Nothing is written when parsing fails.</summary>
    public async Task<string> SetAsync(string name, string text, CancellationToken ct = default)
    {
        var stored = CheckWritable(name, "update");
        Policy policy;
        try
        {
            policy = PolicyParser.Parse(stored, text);
        }
        catch (PolicyParseException ex)
        {
            throw LogicalException.BadRequest(ex.Message);
        }

        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _view.PutAsync(stored, Encoding.UTF8.GetBytes(policy.Raw), ct).ConfigureAwait(false);
            Invalidate();
        }
        finally
        {
            _writeLock.Release();
        }

        return stored;
    }

    /// <summary>Deletes a policy; deleting a missing one is not an error.</summary>
    public async Task DeleteAsync(string name, CancellationToken ct = default)
    {
        var stored = CheckWritable(name, "delete");
        if (stored == PolicyNames.Default)
        {
            throw LogicalException.BadRequest("cannot delete default policy");
        }

        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _view.DeleteAsync(stored, ct).ConfigureAwait(false);
            Invalidate();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>All policy names, always including <c>default</c> and <c>root</c>, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default)
    {
        var names = new SortedSet<string>(await _view.ListAsync("", ct).ConfigureAwait(false), StringComparer.Ordinal) { PolicyNames.Default, PolicyNames.Root };
        return [.. names];
    }

    /// <summary>The compiled ACL of a token's policies; missing policies contribute nothing.</summary>
    public async Task<Acl> GetAclAsync(IReadOnlyList<string> names, CancellationToken ct = default)
    {
        var key = string.Join('\n', names.Order(StringComparer.Ordinal));
        if (_acls.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var generation = Volatile.Read(ref _generation);
        var policies = new List<Policy>();
        foreach (var name in names)
        {
            if (name == PolicyNames.Root)
            {
                policies.Add(new Policy(PolicyNames.Root, "", []));
            }
            else if (await GetAsync(name, ct).ConfigureAwait(false) is { } policy)
            {
                policies.Add(policy);
            }
        }

        var acl = new Acl(policies);
        CacheIfUnchanged(generation, () => _acls[key] = acl);
        return acl;
    }

    /// <inheritdoc />
    public async Task OnInitializeAsync(CancellationToken ct) =>
        await _view.PutAsync(PolicyNames.Default, Encoding.UTF8.GetBytes(BuiltInPolicies.DefaultText), ct).ConfigureAwait(false);

    /// <inheritdoc />
    public Task OnUnsealAsync(CancellationToken ct)
    {
        Invalidate();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void OnSeal() => Invalidate();

    private static string CheckWritable(string name, string verb)
    {
        if (PolicyNames.IsRoot(name))
        {
            throw LogicalException.BadRequest($"cannot {verb} \"root\" policy");
        }

        // Lower case is Vault's canonical form (answered with a warning); blank ends or invisible characters are refused.
        VisibleNames.Check("policy name", name);
        var stored = PolicyNames.Normalize(name);
        if (!PolicyNames.IsValid(stored))
        {
            throw LogicalException.BadRequest("invalid policy name: it must be non-empty, at most 128 characters, without '/', '..' or control characters");
        }

        if (stored is PolicyNames.ResponseWrapping or PolicyNames.ControlGroup)
        {
            throw LogicalException.BadRequest($"cannot {verb} \"{stored}\" policy");
        }

        return stored;
    }

    private void Invalidate()
    {
        lock (_cacheGate)
        {
            _generation++;
            _policies.Clear();
            _acls.Clear();
        }
    }

    private void CacheIfUnchanged(long generation, Action add)
    {
        lock (_cacheGate)
        {
            if (_generation == generation)
            {
                add();
            }
        }
    }
}
