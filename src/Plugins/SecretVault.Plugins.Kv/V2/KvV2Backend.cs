using SecretVault.Sdk.Concurrency;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>
/// KV version 2: every write makes a new version of the key; versions can be read, soft-deleted,
/// undeleted and destroyed, and each key has metadata. Data written by KV v1 on the same mount is
/// converted before the first request is served.
/// </summary>
public sealed class KvV2Backend : FrameworkBackend
{
    private readonly object _prepareGate = new();
    private Task? _prepared;
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

    /// <inheritdoc />
    protected override Task PrepareAsync(LogicalRequest request, CancellationToken ct)
    {
        if (_prepared is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_prepareGate)
        {
            // A failed upgrade is retried by the next request rather than remembered.
            if (_prepared is null || _prepared.IsFaulted || _prepared.IsCanceled)
            {
                _prepared = new KvUpgrade(request.RequiredStorage, Time).RunAsync(CancellationToken.None);
            }

            return _prepared.WaitAsync(ct);
        }
    }

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
