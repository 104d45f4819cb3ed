using Dapper;
using Npgsql;

namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// Vault's key/value table: created at start unless skip_create_table, then checked, so a table with a
/// missing or mistyped column stops the server at start instead of failing every request.
/// </summary>
internal static class PostgreSqlSchema
{
    private static readonly (string Name, string Type)[] Required =
        [("parent_path", "text"), ("path", "text"), ("key", "text"), ("value", "bytea")];

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string table, bool skipCreate, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (!skipCreate)
        {
            // The primary key keeps PostgreSQL's default name (<table>_pkey) so several tables can share a schema.
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                CREATE TABLE IF NOT EXISTS "{table}" (
                  parent_path TEXT COLLATE "C" NOT NULL,
                  path        TEXT COLLATE "C",
                  key         TEXT COLLATE "C",
                  value       BYTEA,
                  PRIMARY KEY (path, key)
                )
                """, cancellationToken: ct)).ConfigureAwait(false);
        }

        var columns = (await connection.QueryAsync<(string Name, string Type)>(new CommandDefinition(
            """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            WHERE a.attrelid = to_regclass(quote_ident(@table)) AND a.attnum > 0 AND NOT a.attisdropped
            """, new { table }, cancellationToken: ct)).ConfigureAwait(false)).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        if (columns.Count == 0)
        {
            throw new PostgreSqlStartupException($"table \"{table}\" does not exist (skip_create_table is set): create it with Vault's schema");
        }

        foreach (var (name, type) in Required)
        {
            if (!columns.TryGetValue(name, out var actual) || actual != type)
            {
                throw new PostgreSqlStartupException(
                    $"table \"{table}\" does not have Vault's schema: column \"{name}\" must be {type}" + (actual is null ? " and is missing" : $", not {actual}"));
            }
        }

        if (!skipCreate && !await HasParentPathIndexAsync(connection, table, ct).ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""CREATE INDEX IF NOT EXISTS "{table}_parent_path_idx" ON "{table}" (parent_path)""", cancellationToken: ct)).ConfigureAwait(false);
        }
    }

    // A table made with Vault's own SQL already has parent_path_idx: do not add a second index beside it.
    private static Task<bool> HasParentPathIndexAsync(NpgsqlConnection connection, string table, CancellationToken ct) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT EXISTS (
              SELECT 1 FROM pg_index i
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
              WHERE i.indrelid = to_regclass(quote_ident(@table)) AND a.attname = 'parent_path')
            """, new { table }, cancellationToken: ct));
}
