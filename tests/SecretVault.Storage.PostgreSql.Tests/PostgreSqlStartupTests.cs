using Dapper;
using SecretVault.Testing.Processes;

namespace SecretVault.Storage.PostgreSql.Tests;

/// <summary>What the factory does at start-up when the database cannot be used: one line, password masked.</summary>
public sealed class PostgreSqlStartupTests : IClassFixture<PostgreSqlDatabaseFixture>
{
    private const string Password = "pw-that-must-never-leak";
    private readonly PostgreSqlDatabaseFixture _fixture;

    public PostgreSqlStartupTests(PostgreSqlDatabaseFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void UnreachableDatabase_NamesTheConnection_WithThePasswordMasked()
    {
        var port = FreePort.Next();
        var error = Assert.Throws<PostgreSqlStartupException>(() => Create($"postgres://vault:{Password}@127.0.0.1:{port}/vaultdb"));
        Assert.StartsWith($"cannot use PostgreSQL storage at postgres://vault:***@127.0.0.1:{port}/vaultdb: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void WrongPassword_IsRefused_WithoutThePassword()
    {
        var real = PostgreSqlConnectionUrl.Parse(_fixture.Database.Url);
        var url = $"postgres://{real.Username}:{Password}@{real.Host}:{real.Port}/{real.Database}?sslmode=disable";
        var error = Assert.Throws<PostgreSqlStartupException>(() => Create(url));
        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableWithAColumnMissing_IsRefusedNamingTheTable()
    {
        var table = "broken_" + Guid.NewGuid().ToString("N");
        await using (var connection = await _fixture.Database.OpenAsync())
        {
            await connection.ExecuteAsync($"CREATE TABLE \"{table}\" (parent_path TEXT NOT NULL, path TEXT, key TEXT, PRIMARY KEY (path, key))");
        }

        var error = Assert.Throws<PostgreSqlStartupException>(() => Create(_fixture.Database.Url, table));
        Assert.Contains($"table \"{table}\" does not have Vault's schema: column \"value\" must be bytea and is missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgreSqlConnectionUrl.Parse(_fixture.Database.Url).Password!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ColumnOfTheWrongType_IsRefusedNamingIt()
    {
        var table = "mistyped_" + Guid.NewGuid().ToString("N");
        await using (var connection = await _fixture.Database.OpenAsync())
        {
            await connection.ExecuteAsync($"CREATE TABLE \"{table}\" (parent_path TEXT NOT NULL, path TEXT, key TEXT, value TEXT, PRIMARY KEY (path, key))");
        }

        var error = Assert.Throws<PostgreSqlStartupException>(() => Create(_fixture.Database.Url, table));
        Assert.Contains("column \"value\" must be bytea, not text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipCreateTable_WithoutTheTable_SaysSo()
    {
        var table = "absent_" + Guid.NewGuid().ToString("N");
        var error = Assert.Throws<PostgreSqlStartupException>(() => Create(_fixture.Database.Url, table, skipCreate: true));
        Assert.Contains($"table \"{table}\" does not exist (skip_create_table is set)", error.Message, StringComparison.Ordinal);
    }

    private static void Create(string url, string table = "vault_kv_store", bool skipCreate = false) =>
        new PostgreSqlBackendFactory(_ => null).Create(new Dictionary<string, string>
        {
            ["connection_url"] = url,
            ["table"] = table,
            ["skip_create_table"] = skipCreate ? "true" : "false",
        });
}
