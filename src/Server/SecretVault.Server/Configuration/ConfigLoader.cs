using System.Globalization;
using SecretVault.Core.Lockout;
using YamlDotNet.RepresentationModel;
using static SecretVault.Server.Configuration.ConfigNodes;

namespace SecretVault.Server.Configuration;

/// <summary>
/// Reads the configuration (YAML, JSON or Vault's HCL). Every key is checked: an unknown key, a wrong type or a
/// missing required value throws <see cref="ConfigException"/> naming the key.
/// </summary>
public sealed class ConfigLoader
{
    private static readonly string[] TopLevelKeys =
        [
            "storage", "listener", "api_addr", "cluster_addr", "cluster_name", "default_lease_ttl", "max_lease_ttl", "log_level", "log_format", "log_file", "ui",
            "disable_mlock", "user_lockout", "telemetry",
        ];

    private static readonly string[] UserLockoutKeys = ["lockout_threshold", "lockout_duration", "lockout_counter_reset", "disable_lockout"];

    private static readonly string[] LogLevels = ["trace", "debug", "info", "warn", "warning", "error", "off"];

    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _storageTypes;

    /// <param name="storageTypes">Each storage type the server has, with the settings it accepts.</param>
    public ConfigLoader(IReadOnlyDictionary<string, IReadOnlySet<string>> storageTypes)
    {
        _storageTypes = storageTypes;
    }

    /// <summary>
    /// Loads the file or folder at <paramref name="path"/> (see <see cref="ConfigSources"/>); its relative paths are
    /// resolved against the folder of the file.
    /// </summary>
    public ServerConfig LoadFile(string path)
    {
        var (root, folder) = ConfigSources.Read(path);
        try
        {
            return ConfigPathResolver.Resolve(Load(root), folder);
        }
        catch (ConfigException ex)
        {
            throw new ConfigException($"error loading configuration from {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Loads configuration from YAML text.</summary>
    public ServerConfig Load(string yaml) => Load(ConfigSources.ParseYaml(yaml));

    /// <summary>Loads configuration from a parsed tree (YAML, JSON or HCL).</summary>
    public ServerConfig Load(YamlMappingNode root)
    {
        CheckKeys(root, TopLevelKeys, "");
        var listenerNode = root.Children.TryGetValue(new YamlScalarNode("listener"), out var node) ? node : throw new ConfigException("missing required key \"listener\"");
        var storage = Mapping(root, "storage", "") ?? throw new ConfigException("missing required key \"storage\"");
        var withoutEffect = new List<string>();
        var listeners = ListenerReader.Read(listenerNode, withoutEffect);
        var telemetry = Mapping(root, "telemetry", "") is { } block ? TelemetryReader.Read(block, withoutEffect) : null;
        var clusterAddr = Scalar(root, "cluster_addr", "") ?? "";
        if (clusterAddr.Length > 0)
        {
            withoutEffect.Add("cluster_addr");
            if (!Uri.TryCreate(clusterAddr, UriKind.Absolute, out _))
            {
                throw new ConfigException("invalid value for \"cluster_addr\": expected a URL such as https://10.0.0.1:8201");
            }
        }

        return new ServerConfig
        {
            Storage = ReadStorage(storage),
            Listener = listeners[0],
            AdditionalListeners = [.. listeners.Skip(1)],
            ApiAddr = Scalar(root, "api_addr", "") ?? "",
            ClusterAddr = clusterAddr,
            ClusterName = Scalar(root, "cluster_name", ""),
            DefaultLeaseTtl = Duration(root, "default_lease_ttl") ?? TimeSpan.FromHours(768),
            MaxLeaseTtl = Duration(root, "max_lease_ttl") ?? TimeSpan.FromHours(768),
            LogLevel = ReadLogLevel(root),
            LogFormat = Logging.LogFormats.Check(Scalar(root, "log_format", ""), "log_format"),
            LogFile = Scalar(root, "log_file", "") is { Length: > 0 } logFile ? logFile : null,
            Ui = Bool(root, "ui", "") ?? false,
            DisableMlock = Bool(root, "disable_mlock", "") ?? false,
            UserLockout = ReadUserLockout(root),
            Telemetry = telemetry,
            KeysWithoutEffect = withoutEffect,
        };
    }

    private StorageConfig ReadStorage(YamlMappingNode storage)
    {
        if (storage.Children.Count != 1)
        {
            throw new ConfigException($"\"storage\" must name exactly one backend, one of: {string.Join(", ", _storageTypes.Keys.Order(StringComparer.Ordinal))}");
        }

        var (typeNode, settingsNode) = storage.Children.Single();
        var type = ((YamlScalarNode)typeNode).Value ?? "";
        if (!_storageTypes.TryGetValue(type, out var allowed))
        {
            throw new ConfigException($"unknown key \"storage.{type}\": the storage type must be one of: {string.Join(", ", _storageTypes.Keys.Order(StringComparer.Ordinal))}");
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settingsNode is YamlMappingNode map)
        {
            CheckKeys(map, allowed, $"storage.{type}.");
            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                settings[name] = value is YamlScalarNode scalar ? scalar.Value ?? "" : throw new ConfigException($"\"storage.{type}.{name}\" must be a single value");
            }
        }
        else if (settingsNode is not YamlScalarNode { Value: null or "" })
        {
            throw new ConfigException($"\"storage.{type}\" must be a mapping of settings");
        }

        return new StorageConfig(type, settings);
    }

    private static string ReadLogLevel(YamlMappingNode root)
    {
        var level = (Scalar(root, "log_level", "") ?? "info").ToLowerInvariant();
        return LogLevels.Contains(level) ? level : throw new ConfigException($"invalid value for \"log_level\": expected one of {string.Join(", ", LogLevels)}");
    }

    // Vault's user_lockout stanzas, as YAML: user_lockout: {all: {...}, userpass: {...}, approle: {...}, ldap: {...}}.
    private static Dictionary<string, UserLockoutConfig> ReadUserLockout(YamlMappingNode root)
    {
        var stanzas = new Dictionary<string, UserLockoutConfig>(StringComparer.Ordinal);
        if (Mapping(root, "user_lockout", "") is not { } map)
        {
            return stanzas;
        }

        CheckKeys(map, [UserLockoutConfig.AllTypes, .. UserLockoutConfig.AuthTypes], "user_lockout.");
        foreach (var name in map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? ""))
        {
            var prefix = $"user_lockout.{name}.";
            var stanza = Mapping(map, name, "user_lockout.")!;
            CheckKeys(stanza, UserLockoutKeys, prefix);
            var threshold = Scalar(stanza, "lockout_threshold", prefix);
            stanzas[name] = new UserLockoutConfig
            {
                Threshold = threshold is null
                    ? null
                    : int.TryParse(threshold, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
                        ? count
                        : throw new ConfigException($"invalid value for \"{prefix}lockout_threshold\": expected a whole number of failed logins, at least 1"),
                Duration = Duration(stanza, "lockout_duration", prefix, mustBePositive: true),
                CounterReset = Duration(stanza, "lockout_counter_reset", prefix, mustBePositive: true),
                Disable = Bool(stanza, "disable_lockout", prefix),
            };
        }

        return stanzas;
    }
}
