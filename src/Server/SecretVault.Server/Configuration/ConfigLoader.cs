using System.Globalization;
using SecretVault.Core.Lockout;
using SecretVault.Sdk.Time;
using SecretVault.Server.Http;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SecretVault.Server.Configuration;

/// <summary>
/// Reads the YAML configuration file. Every key is checked: an unknown key, a wrong type or a
/// missing required value throws <see cref="ConfigException"/> naming the key.
/// </summary>
public sealed class ConfigLoader
{
    private static readonly string[] TopLevelKeys =
        ["storage", "listener", "api_addr", "cluster_name", "default_lease_ttl", "max_lease_ttl", "log_level", "log_format", "log_file", "ui", "disable_mlock", "user_lockout"];

    private static readonly string[] ListenerKeys =
        [
            "address", "tls_disable", "tls_cert_file", "tls_key_file", "tls_min_version", "max_request_size",
            "max_json_depth", "max_json_string_value_length", "max_json_object_entry_count", "max_json_array_element_count",
        ];

    private static readonly string[] UserLockoutKeys = ["lockout_threshold", "lockout_duration", "lockout_counter_reset", "disable_lockout"];

    private static readonly string[] LogLevels = ["trace", "debug", "info", "warn", "warning", "error", "off"];

    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _storageTypes;

    /// <param name="storageTypes">Each storage type the server has, with the settings it accepts.</param>
    public ConfigLoader(IReadOnlyDictionary<string, IReadOnlySet<string>> storageTypes)
    {
        _storageTypes = storageTypes;
    }

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public ServerConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"error loading configuration from {path}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ex.Message)}");
        }

        try
        {
            return Load(text);
        }
        catch (ConfigException ex)
        {
            throw new ConfigException($"error loading configuration from {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Loads configuration from YAML text.</summary>
    public ServerConfig Load(string yaml)
    {
        var root = ParseRoot(yaml);
        CheckKeys(root, TopLevelKeys, "");
        var listener = Mapping(root, "listener", "") ?? throw new ConfigException("missing required key \"listener\"");
        var storage = Mapping(root, "storage", "") ?? throw new ConfigException("missing required key \"storage\"");
        return new ServerConfig
        {
            Storage = ReadStorage(storage),
            Listener = ReadListener(listener),
            ApiAddr = Scalar(root, "api_addr", "") ?? "",
            ClusterName = Scalar(root, "cluster_name", ""),
            DefaultLeaseTtl = Duration(root, "default_lease_ttl") ?? TimeSpan.FromHours(768),
            MaxLeaseTtl = Duration(root, "max_lease_ttl") ?? TimeSpan.FromHours(768),
            LogLevel = ReadLogLevel(root),
            LogFormat = Logging.LogFormats.Check(Scalar(root, "log_format", ""), "log_format"),
            LogFile = Scalar(root, "log_file", "") is { Length: > 0 } logFile ? logFile : null,
            Ui = Bool(root, "ui", "") ?? false,
            UserLockout = ReadUserLockout(root),
        };
    }

    private static YamlMappingNode ParseRoot(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new ConfigException("the configuration is empty");
        }

        return stream.Documents[0].RootNode as YamlMappingNode ?? throw new ConfigException("the configuration must be a YAML mapping");
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

    private static ListenerConfig ReadListener(YamlMappingNode listener)
    {
        CheckKeys(listener, ["tcp"], "listener.");
        var tcp = Mapping(listener, "tcp", "listener.") ?? throw new ConfigException("missing required key \"listener.tcp\"");
        CheckKeys(tcp, ListenerKeys, "listener.tcp.");
        var address = Scalar(tcp, "address", "listener.tcp.") ?? "127.0.0.1:8200";
        var tlsDisable = Bool(tcp, "tls_disable", "listener.tcp.") ?? false;
        var certFile = Scalar(tcp, "tls_cert_file", "listener.tcp.");
        var keyFile = Scalar(tcp, "tls_key_file", "listener.tcp.");
        if (!tlsDisable && (certFile is null || keyFile is null))
        {
            throw new ConfigException("\"listener.tcp.tls_cert_file\" and \"listener.tcp.tls_key_file\" are required unless \"listener.tcp.tls_disable\" is true");
        }

        var minVersion = Scalar(tcp, "tls_min_version", "listener.tcp.") ?? "tls12";
        if (minVersion is not ("tls12" or "tls13"))
        {
            throw new ConfigException("invalid value for \"listener.tcp.tls_min_version\": expected tls12 or tls13");
        }

        var maxSizeText = Scalar(tcp, "max_request_size", "listener.tcp.");
        long maxSize = 32 * 1024 * 1024;
        if (maxSizeText is not null && (!long.TryParse(maxSizeText, NumberStyles.None, CultureInfo.InvariantCulture, out maxSize) || maxSize <= 0))
        {
            throw new ConfigException("invalid value for \"listener.tcp.max_request_size\": expected a positive number of bytes");
        }

        return new ListenerConfig
        {
            Address = ListenAddressParser.Parse(address, "listener.tcp.address"),
            TlsDisable = tlsDisable,
            TlsCertFile = certFile,
            TlsKeyFile = keyFile,
            TlsMinVersion = minVersion,
            MaxRequestSize = maxSize,
            JsonLimits = ReadJsonLimits(tcp),
        };
    }

    private static JsonLimits ReadJsonLimits(YamlMappingNode tcp)
    {
        var defaults = new JsonLimits();
        return new JsonLimits
        {
            MaxDepth = PositiveInt(tcp, "max_json_depth") ?? defaults.MaxDepth,
            MaxStringValueLength = PositiveInt(tcp, "max_json_string_value_length") ?? defaults.MaxStringValueLength,
            MaxObjectEntryCount = PositiveInt(tcp, "max_json_object_entry_count") ?? defaults.MaxObjectEntryCount,
            MaxArrayElementCount = PositiveInt(tcp, "max_json_array_element_count") ?? defaults.MaxArrayElementCount,
        };
    }

    private static int? PositiveInt(YamlMappingNode tcp, string key)
    {
        var text = Scalar(tcp, key, "listener.tcp.");
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ConfigException($"invalid value for \"listener.tcp.{key}\": expected a positive whole number");
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

    private static TimeSpan? Duration(YamlMappingNode map, string key, string prefix = "", bool mustBePositive = false)
    {
        var text = Scalar(map, key, prefix);
        if (text is null)
        {
            return null;
        }

        return Durations.TryParse(text, out var value, out _) && (mustBePositive ? value > TimeSpan.Zero : value >= TimeSpan.Zero)
            ? value
            : throw new ConfigException($"invalid value for \"{prefix}{key}\": expected a duration{(mustBePositive ? " greater than zero" : "")} such as {(mustBePositive ? "15m" : "768h")}");
    }

    private static void CheckKeys(YamlMappingNode map, IEnumerable<string> allowed, string prefix)
    {
        var known = allowed.ToHashSet(StringComparer.Ordinal);
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                throw new ConfigException($"unknown key \"{prefix}{name}\"");
            }
        }
    }

    private static YamlMappingNode? Mapping(YamlMappingNode map, string key, string prefix) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node as YamlMappingNode ?? throw new ConfigException($"\"{prefix}{key}\" must be a mapping")
            : null;

    private static string? Scalar(YamlMappingNode map, string key, string prefix) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? (node as YamlScalarNode ?? throw new ConfigException($"\"{prefix}{key}\" must be a single value")).Value
            : null;

    private static bool? Bool(YamlMappingNode map, string key, string prefix)
    {
        var text = Scalar(map, key, prefix);
        return text switch
        {
            null => null,
            "true" or "True" or "TRUE" or "1" => true,
            "false" or "False" or "FALSE" or "0" => false,
            _ => throw new ConfigException($"invalid value for \"{prefix}{key}\": expected true or false"),
        };
    }
}
