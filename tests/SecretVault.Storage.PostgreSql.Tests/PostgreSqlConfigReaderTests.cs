namespace SecretVault.Storage.PostgreSql.Tests;

public sealed class PostgreSqlConfigReaderTests
{
    private const string Url = "postgres://vault:s3cr3t-pw@db.example:6543/vaultdb?sslmode=disable";

    [Fact]
    public void Defaults_AreVaults()
    {
        var config = Read(new() { ["connection_url"] = Url });
        Assert.Equal("vault_kv_store", config.Table);
        Assert.Equal("vault_ha_locks", config.HaTable);
        Assert.False(config.HaEnabled);
        Assert.Equal(128, config.MaxParallel);
        Assert.Null(config.MaxIdleConnections);
        Assert.False(config.SkipCreateTable);
    }

    [Fact]
    public void AllKeys_AreRead()
    {
        var config = Read(new()
        {
            ["connection_url"] = Url, ["table"] = "my_kv", ["ha_enabled"] = "false", ["ha_table"] = "my_locks",
            ["max_parallel"] = "16", ["max_idle_connections"] = "4", ["skip_create_table"] = "true",
        });
        Assert.Equal(("my_kv", "my_locks", 16, 4, true), (config.Table, config.HaTable, config.MaxParallel, config.MaxIdleConnections, config.SkipCreateTable));
        Assert.Equal(PostgreSqlConfigReader.Keys, new PostgreSqlBackendFactory().ConfigKeys);
        Assert.Equal(7, PostgreSqlConfigReader.Keys.Count);
    }

    [Fact]
    public void EnvironmentVariable_OverridesTheFile_AndSuppliesAMissingUrl()
    {
        var fromEnv = "postgres://other:pw@env-host/envdb";
        Assert.Equal("env-host", Read(new() { ["connection_url"] = Url }, fromEnv).Connection.Host);
        Assert.Equal("envdb", Read(new(), fromEnv).Connection.Database);
    }

    [Fact]
    public void MissingUrl_NamesTheKeyAndTheVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => Read(new()));
        Assert.Contains("\"connection_url\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("VAULT_PG_CONNECTION_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HaEnabled_IsRefusedUntilHaExists()
    {
        var error = Assert.Throws<ArgumentException>(() => Read(new() { ["connection_url"] = Url, ["ha_enabled"] = "true" }));
        Assert.Contains("ha_enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("not available yet", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("table", "kv; DROP TABLE x")]
    [InlineData("table", "\"quoted\"")]
    [InlineData("ha_table", "1starts_with_digit")]
    [InlineData("max_parallel", "0")]
    [InlineData("max_parallel", "many")]
    [InlineData("max_idle_connections", "-1")]
    [InlineData("skip_create_table", "yes please")]
    [InlineData("ha_enabled", "maybe")]
    public void BadValues_AreRefusedNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Read(new() { ["connection_url"] = Url, [key] = value }));
        Assert.Contains($"\"{key}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxIdle_IsCappedAtMaxParallel()
    {
        Assert.Equal(8, Read(new() { ["connection_url"] = Url, ["max_parallel"] = "8", ["max_idle_connections"] = "50" }).MaxIdleConnections);
    }

    private static PostgreSqlStorageConfig Read(Dictionary<string, string> settings, string? environmentUrl = null) =>
        PostgreSqlConfigReader.Read(settings, name => name == "VAULT_PG_CONNECTION_URL" ? environmentUrl : null);
}
