using SecretVault.Server.Configuration;
using SecretVault.Server.Hosting;
using SecretVault.Server.Logging;

namespace SecretVault.Server.Tests.Logging;

public sealed class LogOverridesTests
{
    private static readonly ServerConfig FromFile = new()
    {
        Storage = new StorageConfig("inmem", new Dictionary<string, string>()),
        Listener = SecretVaultHost.LoopbackListener(),
        LogLevel = "warn",
        LogFormat = "json",
    };

    [Fact]
    public void Apply_NothingGiven_KeepsTheFilesSettings()
    {
        var config = LogOverrides.Apply(FromFile, null, null, _ => null);
        Assert.Equal(("warn", "json"), (config.LogLevel, config.LogFormat));
    }

    [Fact]
    public void Apply_EnvironmentOverridesFile_FlagOverridesEnvironment()
    {
        var environment = new Dictionary<string, string> { ["VAULT_LOG_LEVEL"] = "debug", ["VAULT_LOG_FORMAT"] = "standard" };
        var fromEnvironment = LogOverrides.Apply(FromFile, null, null, environment.GetValueOrDefault);
        Assert.Equal(("debug", "standard"), (fromEnvironment.LogLevel, fromEnvironment.LogFormat));
        var fromFlags = LogOverrides.Apply(FromFile, "TRACE", "json", environment.GetValueOrDefault);
        Assert.Equal(("trace", "json"), (fromFlags.LogLevel, fromFlags.LogFormat));
    }

    [Theory]
    [InlineData("loud", null, null, "-log-level")]
    [InlineData(null, "xml", null, "-log-format")]
    [InlineData(null, null, "loud", "VAULT_LOG_LEVEL")]
    public void Apply_BadValue_NamesWhereItCameFrom(string? level, string? format, string? environmentLevel, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => LogOverrides.Apply(FromFile, level, format, name => name == "VAULT_LOG_LEVEL" ? environmentLevel : null));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/var/log/vault/", "/var/log/vault/vault.log")]
    [InlineData("/var/log/server", "/var/log/server.log")]
    [InlineData("/var/log/server.txt", "/var/log/server.txt")]
    public void FilePath_IsReadAsVaultReadsLogFile(string setting, string expected)
    {
        Assert.Equal(expected, ServerLog.FilePath(setting));
    }

    [Fact]
    public void ConfigFile_LogKeys_AreReadAndChecked()
    {
        var loader = new ConfigLoader(StorageCatalog.Default.Types);
        const string Base = "storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:8200\n    tls_disable: true\n";
        var config = loader.Load(Base + "log_level: debug\nlog_format: json\nlog_file: /tmp/sv.log\n");
        Assert.Equal(("debug", "json", "/tmp/sv.log"), (config.LogLevel, config.LogFormat, config.LogFile));
        var defaults = loader.Load(Base);
        Assert.Equal(("info", "standard", null), (defaults.LogLevel, defaults.LogFormat, defaults.LogFile));
        Assert.Contains("\"log_format\"", Assert.Throws<ConfigException>(() => loader.Load(Base + "log_format: xml\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerArguments_LogFlags_AreRead()
    {
        var parsed = ServerArguments.Parse(["-dev", "-log-level=debug", "-log-format", "json"]);
        Assert.Equal(("debug", "json"), (parsed.LogLevel, parsed.LogFormat));
    }

    [Fact]
    public void Filter_DropsAspNetInformation_AndFollowsTheLevelAfterItChanges()
    {
        using var log = new ServerLog(FromFile with { LogLevel = "info" }, TextWriter.Null, gated: false);
        Assert.True(log.Filter("SecretVault.Core.VaultLifecycle", Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.False(log.Filter("Microsoft.Hosting.Lifetime", Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.True(log.Filter("Microsoft.AspNetCore.Server.Kestrel", Microsoft.Extensions.Logging.LogLevel.Warning));
        log.Level = Microsoft.Extensions.Logging.LogLevel.Error;
        Assert.False(log.Filter("SecretVault.Core.VaultLifecycle", Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public void Gated_HoldsLinesUntilOpened_ThenWritesThemInOrder()
    {
        using var console = new StringWriter();
        using var sink = new LogSink(console, null, gated: true);
        sink.Write("one\n");
        sink.Write("two\n");
        Assert.Equal("", console.ToString());
        sink.Open();
        sink.Write("three\n");
        Assert.Equal("one\ntwo\nthree\n", console.ToString());
    }
}
