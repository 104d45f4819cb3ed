using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Plugins.Transit.Paths;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Transit;

/// <summary>
/// Encryption as a service: named keys that never leave the engine (unless made exportable), used through
/// encrypt, decrypt, rewrap, datakey, sign, verify and hmac. Key material lives in storage under the barrier and,
/// once used, in memory until the mount is unloaded, when it is zeroed.
/// </summary>
internal sealed class TransitBackend : FrameworkBackend
{
    /// <summary>The part of a path that names a key (Vault's generic name rule).</summary>
    public const string NamePattern = @"(?<name>\w(?:[\w.-]*\w)?)";

    private int _cacheConfigured;

    public TransitBackend(TimeProvider time, EncryptionLimits? limits = null)
    {
        Time = time;
        Keys = new KeyStore(limits);
    }

    public KeyStore Keys { get; }

    public TimeProvider Time { get; }

    protected override string BackendHelp => "The transit secrets engine encrypts, signs and HMACs data sent to it; keys stay inside.";

    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        .. KeysPaths.Create(this),
        .. KeyMaintenancePaths.Create(this),
        .. ExportPaths.Create(this),
        .. EncryptionPaths.Create(this),
        .. DatakeyPaths.Create(this),
        .. SigningPaths.Create(this),
        .. UtilityPaths.Create(),
        .. ConfigPaths.Create(this),
    ];

    /// <summary>Applies the stored cache-config before the mount's first request.</summary>
    protected override async Task PrepareAsync(LogicalRequest request, CancellationToken ct)
    {
        if (Volatile.Read(ref _cacheConfigured) == 0)
        {
            Keys.CacheSize = await ConfigPaths.CacheSizeAsync(request.RequiredStorage, ct).ConfigureAwait(false);
            Volatile.Write(ref _cacheConfigured, 1);
        }
    }

    /// <summary>The key called <paramref name="name"/>; 400 <c>encryption key not found</c> when there is none.</summary>
    public async Task<KeyPolicy> RequireKeyAsync(LogicalRequest request, string name, CancellationToken ct) =>
        await Keys.GetAsync(request.RequiredStorage, name, ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("encryption key not found");

    /// <summary>A copy of <paramref name="policy"/> with a new latest version.</summary>
    public KeyPolicy Rotate(KeyPolicy policy)
    {
        var version = policy.LatestVersion + 1;
        var versions = new SortedDictionary<int, KeyVersion>(policy.Versions.ToDictionary())
        {
            [version] = KeyGenerator.Create(policy.Type, version, Time.GetUtcNow(), policy.KeySize),
        };
        return policy with { Versions = versions, LatestVersion = version };
    }

    /// <summary>
    /// Rotates <paramref name="name"/> because <paramref name="exhausted"/> reached its encryption limit, unless a
    /// newer version exists already; answers the key as it is afterwards.
    /// </summary>
    public async Task<KeyPolicy> RotatePastAsync(IStorage storage, string name, int exhausted, CancellationToken ct) =>
        (await Keys.UpdateAsync(storage, name, current => current switch
        {
            null => throw LogicalException.BadRequest("encryption key not found"),
            _ when current.LatestVersion == exhausted => Rotate(current),
            _ => current,
        }, ct).ConfigureAwait(false))!;

    /// <summary>Rotates every key whose <c>auto_rotate_period</c> has passed since its latest version was made.</summary>
    public override async Task PeriodicAsync(IStorage storage, CancellationToken ct)
    {
        foreach (var name in await Keys.ListAsync(storage, ct).ConfigureAwait(false))
        {
            var policy = await Keys.GetAsync(storage, name, ct).ConfigureAwait(false);
            if (policy is not null && policy.RotationDue(Time.GetUtcNow()))
            {
                // Checked again under the key's lock: a manual rotation may have just happened.
                await Keys.UpdateAsync(storage, name, p => p is not null && p.RotationDue(Time.GetUtcNow()) ? Rotate(p) : p, ct).ConfigureAwait(false);
            }
        }
    }

    public override ValueTask UnloadAsync(CancellationToken ct)
    {
        Keys.Unload();
        return ValueTask.CompletedTask;
    }
}
