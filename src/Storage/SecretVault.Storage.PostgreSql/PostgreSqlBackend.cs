using Dapper;
using Npgsql;
using NpgsqlTypes;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// Storage in one PostgreSQL table with Vault's schema, through one pooled data source. A put that returned is
/// committed. Disposing the backend closes the pool.
/// </summary>
public sealed class PostgreSqlBackend : IPhysicalBackend, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _getSql;
    private readonly string _putSql;
    private readonly string _deleteSql;
    private readonly string _listSql;

    /// <param name="dataSource">The pool; owned by the backend from now on.</param>
    /// <param name="table">A plain identifier, already checked by <see cref="PostgreSqlConfigReader"/>.</param>
    public PostgreSqlBackend(NpgsqlDataSource dataSource, string table)
    {
        _dataSource = dataSource;
        _getSql = $"""SELECT value FROM "{table}" WHERE path = @path AND key = @key""";
        _putSql = $"""
            INSERT INTO "{table}" (parent_path, path, key, value) VALUES ($1, $2, $3, $4)
            ON CONFLICT (path, key) DO UPDATE SET parent_path = excluded.parent_path, value = excluded.value
            """;
        _deleteSql = $"""DELETE FROM "{table}" WHERE path = @path AND key = @key""";

        // Keys directly in the folder, then the first segment below it of every deeper row, found by a range on
        // the parent_path index.
        _listSql = $"""
            SELECT key FROM "{table}" WHERE path = @path
            UNION
            SELECT split_part(substr(path, length(@path) + 1), '/', 1) || '/' FROM "{table}"
            WHERE parent_path >= @path AND parent_path < @upper
            """;
    }

    /// <summary>The LIST statement, for the test that EXPLAINs it.</summary>
    internal string ListSql => _listSql;

    /// <summary>The pool, for the HA lock and for tests that inspect the database.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        var (_, path, name) = PostgreSqlKeys.Split(key);
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(_getSql, new { path, key = name }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        var (parentPath, path, name) = PostgreSqlKeys.Split(key);

        // Raw Npgsql here: the value goes to the wire from the caller's memory, without the copy Dapper would need.
        await using var command = _dataSource.CreateCommand(_putSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parentPath });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = path });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        var (_, path, name) = PostgreSqlKeys.Split(key);
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(_deleteSql, new { path, key = name }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default)
    {
        StorageKey.ValidatePrefix(prefix);
        var path = PostgreSqlKeys.PathOf(prefix);
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            _listSql, new { path, upper = PostgreSqlKeys.UpperBound(path) }, cancellationToken: ct)).ConfigureAwait(false);

        // Sorted here, not by the database, so the order is the ordinal one every backend returns.
        return [.. new SortedSet<string>(rows, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();
}
