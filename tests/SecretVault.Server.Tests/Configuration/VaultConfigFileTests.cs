using System.Net;
using SecretVault.Server.Configuration;
using SecretVault.Server.Hosting;

namespace SecretVault.Server.Tests.Configuration;

/// <summary>Vault's own configuration files: HCL, a folder of files merged, relative paths, the keys Vault operators bring.</summary>
public sealed class VaultConfigFileTests : IDisposable
{
    private const string Hcl = """
        # A file as a Vault operator has it.
        storage "file" {
          path = "/var/lib/secretvault"
        }

        listener "tcp" {
          address     = "127.0.0.1:8200"
          tls_disable = true
          max_request_size = 1048576
        }

        listener "tcp" {
          address       = "127.0.0.1:8300"
          tls_disable   = "true"
          cluster_address = "127.0.0.1:8301"
        }

        api_addr          = "http://127.0.0.1:8200"
        cluster_addr      = "https://127.0.0.1:8201"
        cluster_name      = "prod"
        default_lease_ttl = "1h"
        max_lease_ttl     = "24h"
        log_level         = "debug"
        ui                = true
        disable_mlock     = true

        telemetry {
          prometheus_retention_time = "30s"
          disable_hostname          = true
        }

        user_lockout "all" {
          lockout_threshold = 7
        }

        user_lockout "userpass" {
          lockout_duration = "5m"
        }
        """;

    private static readonly ConfigLoader Loader = new(StorageCatalog.Default.Types);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sv-config-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Hcl_ReadsTheSameKeysAsYaml()
    {
        var config = Loader.LoadFile(Write("config.hcl", Hcl));
        Assert.Equal("file", config.Storage.Type);
        Assert.Equal("/var/lib/secretvault", config.Storage.Settings["path"]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8200), config.Listener.Address);
        Assert.Equal(1048576, config.Listener.MaxRequestSize);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8300), Assert.Single(config.AdditionalListeners).Address);
        Assert.True(config.AdditionalListeners[0].TlsDisable);
        Assert.Equal(("http://127.0.0.1:8200", "https://127.0.0.1:8201", "prod"), (config.ApiAddr, config.ClusterAddr, config.ClusterName));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(24)), (config.DefaultLeaseTtl, config.MaxLeaseTtl));
        Assert.Equal("debug", config.LogLevel);
        Assert.True(config.Ui);
        Assert.True(config.DisableMlock);
        Assert.Equal(7, config.UserLockout["all"].Threshold);
        Assert.Equal(TimeSpan.FromMinutes(5), config.UserLockout["userpass"].Duration);
        Assert.Equal(["listener[1].tcp.cluster_address", "telemetry.prometheus_retention_time", "telemetry.disable_hostname", "cluster_addr"], config.KeysWithoutEffect);
    }

    [Theory]
    [InlineData("disable_mlock = maybe", "invalid value for \"disable_mlock\": expected true or false")]
    [InlineData("ui = \"sometimes\"", "invalid value for \"ui\"")]
    [InlineData("telemetry {\n  disable_hostname = perhaps\n}", "invalid value for \"telemetry.disable_hostname\"")]
    [InlineData("telemetry {\n  prometheus_retention_time = \"soon\"\n}", "invalid value for \"telemetry.prometheus_retention_time\"")]
    [InlineData("telemetry {\n  statsd_adress = \"x\"\n}", "unknown key \"telemetry.statsd_adress\"")]
    [InlineData("cluster_addr = \"not a url\"", "invalid value for \"cluster_addr\"")]
    [InlineData("default_lease_ttl = \"soon\"", "invalid value for \"default_lease_ttl\"")]
    [InlineData("listener \"tcp\" {\n  tls_disable = true\n  x_forwarded_for_authorized_addrs = \"10.0.0.0/8, nonsense\"\n}", "\"listener[1].tcp.x_forwarded_for_authorized_addrs\": \"nonsense\"")]
    [InlineData("listener \"tcp\" {\n  tls_disable = true\n  x_forwarded_for_hop_skips = -1\n}", "listener[1].tcp.x_forwarded_for_hop_skips")]
    [InlineData("listener \"tcp\" {\n  tls_disable = true\n  disable_unauthed_generate_root_endpoints = false\n}", "must be the same on every listener")]
    [InlineData("listener \"tcp\" {\n  tls_disable = true\n  address = \"no-such-host.invalid:8200\"\n}", "\"listener[1].tcp.address\"")]
    [InlineData("listener \"tcp\" {\n  address = \"127.0.0.1:8400\"\n  tls_require_and_verify_client_cert = true\n  tls_disable = true\n}", "needs TLS")]
    [InlineData("listener \"udp\" {\n}", "unknown key \"listener.udp\"")]
    [InlineData("storage \"file\" {", "invalid HCL: expected '}' before the end of the file at line")]
    public void Hcl_BadValue_IsOneMessageNamingTheKey(string extra, string expected)
    {
        var file = Write("bad.hcl", "storage \"inmem\" {}\nlistener \"tcp\" {\n  tls_disable = true\n}\n" + extra + "\n");
        var error = Assert.Throws<ConfigException>(() => Loader.LoadFile(file));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("error loading configuration from " + file + ": ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deep.json", "{\"a\": ")]
    [InlineData("deep.yaml", "a: ")]
    [InlineData("hidden.yaml", "# it's a comment\nb: it's plain\na: ")]
    public void JsonOrYaml_NestedTooDeep_IsRefusedNotAStackOverflow(string name, string prefix)
    {
        // 100,000 levels overflowed YamlDotNet's stack and killed the process with a trace (independent attack).
        var file = Write(name, prefix + new string('[', 100_000) + new string(']', 100_000) + (prefix.StartsWith('{') ? "}" : ""));
        var error = Assert.Throws<ConfigException>(() => Loader.LoadFile(file)).Message;
        Assert.Contains("nested more than 64 levels deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_BracketsInQuotes_AreNotCounted_AndSixtyFourLevelsLoad()
    {
        var quoted = "cluster_name: \"" + new string('[', 200) + "\"\n";
        var flow = "x: " + new string('[', 63) + new string(']', 63) + "\n";
        var config = Loader.LoadFile(Write("ok.yaml", "storage:\n  inmem: {}\nlistener:\n  tcp:\n    tls_disable: true\n" + quoted));
        Assert.Equal(new string('[', 200), config.ClusterName);
        ConfigText.CheckFlowDepth(flow);
    }

    [Fact]
    public void File_LargerThanTheLimit_OrEndless_IsRefusedInOneLine()
    {
        var big = Write("big.yaml", "a: " + new string('x', ConfigText.MaxBytes));
        Assert.Contains("larger than 4 MiB", Assert.Throws<ConfigException>(() => Loader.LoadFile(big)).Message, StringComparison.Ordinal);

        // A symlink to /dev/zero reported length 0 and was read until the process ran out of memory.
        var endless = Path.Combine(_folder.FullName, "zero.hcl");
        File.CreateSymbolicLink(endless, "/dev/zero");
        var error = Assert.Throws<ConfigException>(() => Loader.LoadFile(endless)).Message;
        Assert.Contains("larger than 4 MiB", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hcl_NestedTooDeep_IsRefusedNotAStackOverflow()
    {
        var file = Write("deep.hcl", "a = " + new string('[', 10_000) + new string(']', 10_000));
        Assert.Contains("nested more than", Assert.Throws<ConfigException>(() => Loader.LoadFile(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_DisableMlockMaybe_IsRefused()
    {
        var error = Assert.Throws<ConfigException>(() => Loader.Load("storage:\n  inmem: {}\nlistener:\n  tcp:\n    tls_disable: true\ndisable_mlock: maybe\n"));
        Assert.Equal("invalid value for \"disable_mlock\": expected true or false", error.Message);
    }

    [Fact]
    public void Yaml_ListOfListeners_AndJsonFile_AreRead()
    {
        var yaml = Loader.Load("storage:\n  inmem: {}\nlistener:\n  - tcp: {address: '127.0.0.1:8200', tls_disable: true}\n  - tcp: {address: 'localhost:8300', tls_disable: true}\n");
        Assert.Equal([8200, 8300], yaml.Listeners.Select(l => l.Address.Port));

        var json = Loader.LoadFile(Write("config.json", """{"storage": {"inmem": {}}, "listener": [{"tcp": {"address": "127.0.0.1:8500", "tls_disable": true}}], "ui": true}"""));
        Assert.Equal(8500, json.Listener.Address.Port);
        Assert.True(json.Ui);
    }

    [Fact]
    public void Address_HostName_IsResolved()
    {
        var config = Loader.Load($"storage:\n  inmem: {{}}\nlistener:\n  tcp:\n    address: {Dns.GetHostName()}:8200\n    tls_disable: true\n");
        Assert.Contains(config.Listener.Address.Address, Dns.GetHostAddresses(Dns.GetHostName()));
    }

    [Fact]
    public void Folder_FilesMergeInNameOrder_ListenersAdd_LaterKeysWin()
    {
        Write("10-storage.hcl", "storage \"file\" {\n  path = \"data\"\n}\nui = false\ncluster_name = \"first\"\n");
        Write("20-listener.hcl", "listener \"tcp\" {\n  address = \"127.0.0.1:8200\"\n  tls_disable = true\n}\n");
        Write("30-more.json", """{"listener": {"tcp": {"address": "127.0.0.1:8300", "tls_disable": true}}, "ui": true}""");
        Write("40-last.yaml", "cluster_name: last\nuser_lockout:\n  all:\n    lockout_threshold: 3\n");
        Write("notes.txt", "not a configuration file");

        var config = Loader.LoadFile(_folder.FullName);
        Assert.Equal([8200, 8300], config.Listeners.Select(l => l.Address.Port));
        Assert.True(config.Ui);
        Assert.Equal("last", config.ClusterName);
        Assert.Equal(3, config.UserLockout["all"].Threshold);
        Assert.Equal(Path.Combine(_folder.FullName, "data"), config.Storage.Settings["path"]);
    }

    [Fact]
    public void Folder_WithABadFile_NamesThatFile()
    {
        Write("a.hcl", "storage \"inmem\" {}\nlistener \"tcp\" {\n  tls_disable = true\n}\n");
        var bad = Write("b.hcl", "ui = {");
        var error = Assert.Throws<ConfigException>(() => Loader.LoadFile(_folder.FullName));
        Assert.Contains(bad, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativePaths_ResolveAgainstTheFilesFolder_NotTheWorkingDirectory()
    {
        var file = Write("server.yaml", "storage:\n  file:\n    path: ./data\nlistener:\n  tcp:\n    tls_cert_file: tls/cert.pem\n    tls_key_file: tls/key.pem\n    tls_client_ca_file: ../ca.pem\n");
        var config = Loader.LoadFile(file);
        Assert.Equal(Path.Combine(_folder.FullName, "data"), config.Storage.Settings["path"]);
        Assert.Equal(Path.Combine(_folder.FullName, "tls", "cert.pem"), config.Listener.TlsCertFile);
        Assert.Equal(Path.Combine(_folder.FullName, "tls", "key.pem"), config.Listener.TlsKeyFile);
        Assert.Equal(Path.Combine(_folder.Parent!.FullName, "ca.pem"), config.Listener.TlsClientCaFile);

        var absolute = Loader.LoadFile(Write("abs.yaml", "storage:\n  file:\n    path: /srv/vault\nlistener:\n  tcp:\n    tls_disable: true\n"));
        Assert.Equal("/srv/vault", absolute.Storage.Settings["path"]);
    }

    [Fact]
    public void Sanitized_HasVaultsShape_AndNoStorageSettings()
    {
        var config = Loader.LoadFile(Write("pg.yaml", "storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: true\napi_addr: http://127.0.0.1:8200\ndefault_lease_ttl: 1h\n"));
        var sanitized = SanitizedConfig.Of(config with { Storage = new StorageConfig("postgresql", new Dictionary<string, string> { ["connection_url"] = "postgres://u:hunter2@db/v" }) });
        Assert.Equal(3600L, sanitized["default_lease_ttl"]);
        var storage = Assert.IsType<Dictionary<string, object?>>(sanitized["storage"]);
        Assert.Equal(["cluster_addr", "disable_clustering", "redirect_addr", "type"], storage.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("postgresql", storage["type"]);
        var listener = Assert.Single(Assert.IsType<List<Dictionary<string, object?>>>(sanitized["listeners"]));
        Assert.Equal("tcp", listener["type"]);
        var raw = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(listener["config"]);
        Assert.Equal("127.0.0.1:8200", raw["address"]);
        Assert.True(raw["tls_disable"] is true);
        Assert.DoesNotContain("hunter2", System.Text.Json.JsonSerializer.Serialize(sanitized), StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
