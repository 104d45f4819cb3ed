using Microsoft.Extensions.Logging;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>
/// Builds a mount's backend for one load: the plugin from its factory, given its context (logger, mount identity, a live
/// view of its TTLs), wrapped in a <see cref="LoadedBackend"/> whose initialize step gates its requests.
/// </summary>
public sealed class BackendLoader
{
    private readonly TimeProvider _time;
    private readonly VaultOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly Func<string, MountEntry?> _mountByUuid;

    /// <param name="mountByUuid">The mount entry as published now, so a backend's TTLs follow a tune.</param>
    public BackendLoader(TimeProvider time, VaultOptions options, ILoggerFactory loggers, Func<string, MountEntry?> mountByUuid)
    {
        _time = time;
        _options = options;
        _loggers = loggers;
        _mountByUuid = mountByUuid;
    }

    /// <summary>A new backend for <paramref name="mount"/>; its initialize step starts when it is published.</summary>
    public LoadedBackend Load(MountEntry mount, ILogicalBackendFactory factory)
    {
        var log = LoggerOf(mount);
        var uuid = mount.Uuid;
        var plugin = factory.Create(new BackendContext
        {
            MountPoint = mount.RoutePath,
            Options = mount.Options ?? new Dictionary<string, string>(),
            Time = _time,
            Logger = log,
            MountUuid = uuid,
            MountAccessor = mount.Accessor,
            Ttls = new LiveMountTtls(() => _mountByUuid(uuid), _options),
        });
        return new LoadedBackend(plugin, mount.RoutePath, log);
    }

    /// <summary>A failed load of <paramref name="mount"/>, whose plugin could not be created: it answers 500.</summary>
    public LoadedBackend Failed(MountEntry mount, Exception error) => new(new UncreatedPlugin(error), mount.RoutePath, LoggerOf(mount));

    private ILogger LoggerOf(MountEntry mount) => _loggers.CreateLogger($"SecretVault.Plugins.{mount.Type}[{mount.RoutePath}]");
}
