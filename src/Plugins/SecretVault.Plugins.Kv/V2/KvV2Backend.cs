using SecretVault.Sdk.Concurrency;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>
/// KV version 2: every write makes a new version of the key; versions can be read, soft-deleted,
/// undeleted and destroyed, and each key has metadata. Data written by KV v1 on the same mount is
/// converted by the initialize step, before the first request is served.
/// </summary>
public sealed class KvV2Backend : FrameworkBackend
{
    private KvConfigEntry? _config;

    public KvV2Backend(TimeProvider time)
    {
        Time = time;
    }

    internal TimeProvider Time { get; }

    internal KeyedLock Locks { get; } = new(256);

    /// <inheritdoc />
    protected override string BackendHelp =>
        "The kv backend (version 2) stores versioned secrets: data/ reads and writes them, metadata/ manages " +
        "their versions and settings, delete/, undelete/ and destroy/ act on single versions.";

    /// <summary>The mount's settings (cached: only this backend writes them).</summary>
    internal async Task<KvConfigEntry> GetConfigAsync(IStorage storage, CancellationToken ct)
    {
        if (Volatile.Read(ref _config) is { } cached)
        {
            return cached;
        }

        var config = await KvV2Storage.ReadConfigAsync(storage, ct).ConfigureAwait(false) ?? new KvConfigEntry { Layout = 2 };
        Volatile.Write(ref _config, config);
        return config;
    }

    internal async Task SetConfigAsync(IStorage storage, KvConfigEntry config, CancellationToken ct)
    {
        await KvV2Storage.WriteConfigAsync(storage, config, ct).ConfigureAwait(false);
        Volatile.Write(ref _config, config);
    }

    /// <summary>
    /// Brings the mount's storage to the v2 layout (converting v1 data after a tune from v1) before the first request;
    /// the core holds requests until it is done, and a failure leaves the mount answering 500 until its next load.
    /// </summary>
    public override Task InitializeAsync(InitializationContext context, CancellationToken ct) =>
        new KvUpgrade(context.Storage, Time).RunAsync(ct);

    /// <inheritdoc />
    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        ConfigPaths.Create(this),
        .. DataPaths.Create(this),
        .. VersionActionPaths.Create(this),
        .. MetadataPaths.Create(this),
        SubkeysPaths.Create(this),
    ];
}
