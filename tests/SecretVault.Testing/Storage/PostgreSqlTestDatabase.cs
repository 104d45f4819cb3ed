using Npgsql;
using SecretVault.Storage.PostgreSql;

namespace SecretVault.Testing.Storage;

/// <summary>A fresh database on the test server, dropped (with its connections) on dispose.</summary>
public sealed class PostgreSqlTestDatabase : IAsyncDisposable
{
    private PostgreSqlTestDatabase(string name)
    {
        Name = name;
        Url = TestPostgres.UrlFor(name);
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection URL for it, as <c>connection_url</c> takes it.</summary>
    public string Url { get; }

    /// <summary>Creates a database with a unique name.</summary>
    public static async Task<PostgreSqlTestDatabase> CreateAsync()
    {
        var database = new PostgreSqlTestDatabase("sv_test_" + Guid.NewGuid().ToString("N"));
        await using var admin = await OpenAsync(TestPostgres.UrlFor("postgres"));
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>An open connection to this database, for tests that look at tables directly.</summary>
    public Task<NpgsqlConnection> OpenAsync() => OpenAsync(Url);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await using var admin = await OpenAsync(TestPostgres.UrlFor("postgres"));
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string url)
    {
        // Pooling off: a test's connection must not outlive the database it was opened on.
        var builder = PostgreSqlConnectionUrl.Parse(url);
        builder.Pooling = false;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
