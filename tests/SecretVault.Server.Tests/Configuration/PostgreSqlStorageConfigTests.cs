using SecretVault.Server.Configuration;
using SecretVault.Server.Hosting;

namespace SecretVault.Server.Tests.Configuration;

/// <summary>storage.postgresql in the configuration file: Vault's seven keys and nothing else.</summary>
public sealed class PostgreSqlStorageConfigTests
{
    private static readonly ConfigLoader Loader = new(StorageCatalog.Default.Types);

    [Fact]
    public void Load_PostgreSql_AcceptsVaultsKeys()
    {
        var config = Loader.Load(Yaml("""
                connection_url: postgres://vault@db:5432/vault
                table: kv
                ha_enabled: false
                ha_table: locks
                max_parallel: 64
                max_idle_connections: 4
                skip_create_table: true
            """));
        Assert.Equal("postgresql", config.Storage.Type);
        Assert.Equal(7, config.Storage.Settings.Count);
        Assert.Equal("postgres://vault@db:5432/vault", config.Storage.Settings["connection_url"]);
    }

    [Fact]
    public void Load_PostgreSql_WithAnUnknownKey_NamesIt()
    {
        var error = Assert.Throws<ConfigException>(() => Loader.Load(Yaml("    password_file: /etc/pw")));
        Assert.Contains("storage.postgresql.password_file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBackend_WithoutAnyUrl_NamesTheKeyAndTheVariable()
    {
        var error = Assert.Throws<ConfigException>(() => StorageCatalog.Create([new Storage.PostgreSql.PostgreSqlBackendFactory(_ => null)])
            .CreateBackend(new StorageConfig("postgresql", new Dictionary<string, string>())));
        Assert.Equal("invalid storage.postgresql configuration: the setting \"connection_url\" (or the environment variable VAULT_PG_CONNECTION_URL) is required", error.Message);
    }

    private static string Yaml(string settings) => $"""
        storage:
          postgresql:
        {settings}
        listener:
          tcp:
            address: 127.0.0.1:8200
            tls_disable: true
        """;
}
