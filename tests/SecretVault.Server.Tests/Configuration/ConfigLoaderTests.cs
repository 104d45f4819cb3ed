using SecretVault.Core.Lockout;
using SecretVault.Server.Configuration;
using SecretVault.Server.Hosting;

namespace SecretVault.Server.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string Valid = """
        storage:
          file:
            path: /var/lib/secretvault
        listener:
          tcp:
            address: 127.0.0.1:8200
            tls_disable: true
            max_request_size: 1048576
        api_addr: http://127.0.0.1:8200
        cluster_name: prod
        default_lease_ttl: 1h
        max_lease_ttl: 24h
        log_level: debug
        ui: true
        """;

    private static readonly ConfigLoader Loader = new(StorageCatalog.Default.Types);

    [Fact]
    public void Load_ValidFile_ReadsEveryKey()
    {
        var config = Loader.Load(Valid);
        Assert.Equal("file", config.Storage.Type);
        Assert.Equal("/var/lib/secretvault", config.Storage.Settings["path"]);
        Assert.Equal("127.0.0.1:8200", config.Listener.Address.ToString());
        Assert.True(config.Listener.TlsDisable);
        Assert.Equal(1048576, config.Listener.MaxRequestSize);
        Assert.Equal("http://127.0.0.1:8200", config.ApiAddr);
        Assert.Equal("prod", config.ClusterName);
        Assert.Equal(TimeSpan.FromHours(1), config.DefaultLeaseTtl);
        Assert.Equal(TimeSpan.FromHours(24), config.MaxLeaseTtl);
        Assert.Equal("debug", config.LogLevel);
        Assert.True(config.Ui);
    }

    [Fact]
    public void Load_JsonLimits_DefaultToVaultsAndAreRead()
    {
        var defaults = Loader.Load(Valid).Listener.JsonLimits;
        Assert.Equal((500, 1048576, 10000, 10000), (defaults.MaxDepth, defaults.MaxStringValueLength, defaults.MaxObjectEntryCount, defaults.MaxArrayElementCount));

        var set = Loader.Load(Valid.Replace("max_request_size: 1048576", "max_request_size: 1048576\n    max_json_depth: 10\n    max_json_string_value_length: 20\n    max_json_object_entry_count: 30\n    max_json_array_element_count: 40", StringComparison.Ordinal)).Listener.JsonLimits;
        Assert.Equal((10, 20, 30, 40), (set.MaxDepth, set.MaxStringValueLength, set.MaxObjectEntryCount, set.MaxArrayElementCount));
    }

    [Fact]
    public void Load_RepositoryExampleFile_IsValid()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SecretVault.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var config = Loader.LoadFile(Path.Combine(root, "server.yaml"));
        Assert.Equal("file", config.Storage.Type);
    }

    [Theory]
    [InlineData("storage", "storge:\n  inmem: {}", "unknown key \"storge\"")]
    [InlineData("listener", "listener:\n  tcp:\n    adress: 127.0.0.1:8200\n    tls_disable: true", "unknown key \"listener.tcp.adress\"")]
    [InlineData("storage", "storage:\n  file:\n    path: /x\n    pth: /y", "unknown key \"storage.file.pth\"")]
    [InlineData("storage", "storage:\n  consul: {}", "unknown key \"storage.consul\"")]
    [InlineData("listener", "listener:\n  tcp:\n    address: nowhere\n    tls_disable: true", "listener.tcp.address")]
    [InlineData("listener", "listener:\n  tcp:\n    address: 999.1.1.1:8200\n    tls_disable: true", "listener.tcp.address")]
    [InlineData("listener", "listener:\n  tcp:\n    address: 127.0.0.1:8200", "listener.tcp.tls_cert_file")]
    [InlineData("listener", "listener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: maybe", "listener.tcp.tls_disable")]
    [InlineData("listener", "listener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: true\n    max_request_size: -5", "listener.tcp.max_request_size")]
    [InlineData("listener", "listener:\n  tcp:\n    tls_disable: true\n    max_json_depth: 0", "listener.tcp.max_json_depth")]
    [InlineData("listener", "listener:\n  tcp:\n    tls_disable: true\n    max_json_string_value_length: lots", "listener.tcp.max_json_string_value_length")]
    [InlineData("listener", "listener:\n  tcp:\n    tls_disable: true\n    max_json_object_entry_count: -1", "listener.tcp.max_json_object_entry_count")]
    [InlineData("listener", "listener:\n  tcp:\n    tls_disable: true\n    max_json_array_element_count: 1.5", "listener.tcp.max_json_array_element_count")]
    public void Load_BadSection_ThrowsNamingTheKey(string replaced, string replacement, string expected)
    {
        var yaml = replaced == "storage"
            ? "listener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: true\n" + replacement
            : "storage:\n  inmem: {}\n" + replacement;
        var error = Assert.Throws<ConfigException>(() => Loader.Load(yaml));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default_lease_ttl: soon", "default_lease_ttl")]
    [InlineData("log_level: chatty", "log_level")]
    [InlineData("ui: perhaps", "ui")]
    [InlineData("seal: {}", "unknown key \"seal\"")]
    public void Load_BadTopLevelValue_ThrowsNamingTheKey(string line, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Loader.Load("storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: true\n" + line));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UserLockoutStanzas_ReadsEveryKey()
    {
        var config = Loader.Load(Valid + """

            user_lockout:
              all:
                lockout_duration: 10m
                lockout_counter_reset: 10m
              userpass:
                lockout_threshold: "25"
                lockout_duration: 5m
              ldap:
                disable_lockout: true
            """);
        Assert.Equal(new UserLockoutConfig { Duration = TimeSpan.FromMinutes(10), CounterReset = TimeSpan.FromMinutes(10) }, config.UserLockout["all"]);
        Assert.Equal(new UserLockoutConfig { Threshold = 25, Duration = TimeSpan.FromMinutes(5) }, config.UserLockout["userpass"]);
        Assert.Equal(new UserLockoutConfig { Disable = true }, config.UserLockout["ldap"]);
        Assert.False(config.UserLockout.ContainsKey("approle"));
    }

    [Theory]
    [InlineData("all:\n    lockout_duration: soon", "invalid value for \"user_lockout.all.lockout_duration\"")]
    [InlineData("userpass:\n    lockout_duration: 0s", "invalid value for \"user_lockout.userpass.lockout_duration\"")]
    [InlineData("approle:\n    lockout_counter_reset: -5m", "invalid value for \"user_lockout.approle.lockout_counter_reset\"")]
    [InlineData("all:\n    lockout_threshold: 0", "invalid value for \"user_lockout.all.lockout_threshold\"")]
    [InlineData("all:\n    lockout_threshold: many", "invalid value for \"user_lockout.all.lockout_threshold\"")]
    [InlineData("all:\n    disable_lockout: perhaps", "invalid value for \"user_lockout.all.disable_lockout\"")]
    [InlineData("all:\n    lockout_treshold: 5", "unknown key \"user_lockout.all.lockout_treshold\"")]
    [InlineData("github:\n    lockout_threshold: 5", "unknown key \"user_lockout.github\"")]
    [InlineData("all: 5", "\"user_lockout.all\" must be a mapping")]
    public void Load_BadUserLockout_ThrowsNamingTheKey(string stanza, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Loader.Load(Valid + "\nuser_lockout:\n  " + stanza));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingStorage_ThrowsNamingIt()
    {
        var error = Assert.Throws<ConfigException>(() => Loader.Load("listener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: true"));
        Assert.Contains("\"storage\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".yaml");
        var error = Assert.Throws<ConfigException>(() => Loader.LoadFile(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_ReportsLine()
    {
        var error = Assert.Throws<ConfigException>(() => Loader.Load("storage: [unclosed"));
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
    }
}
