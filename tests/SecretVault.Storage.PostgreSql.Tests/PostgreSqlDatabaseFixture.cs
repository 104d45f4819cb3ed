using SecretVault.Testing.Storage;

namespace SecretVault.Storage.PostgreSql.Tests;

/// <summary>One fresh database per test class; each backend in it gets its own table.</summary>
public sealed class PostgreSqlDatabaseFixture : IAsyncLifetime
{
    private PostgreSqlTestDatabase? _database;

    /// <summary>The database; creating it fails with a clear message when SV_TEST_PG_URL is missing.</summary>
    public PostgreSqlTestDatabase Database => _database ?? throw new InvalidOperationException("the fixture is not initialized");

    public async Task InitializeAsync() => _database = await PostgreSqlTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
