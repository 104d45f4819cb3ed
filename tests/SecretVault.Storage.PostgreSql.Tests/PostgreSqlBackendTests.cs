using Dapper;
using SecretVault.Storage.Abstractions;
using SecretVault.Testing.Storage;

namespace SecretVault.Storage.PostgreSql.Tests;

/// <summary>The storage conformance suite on a real PostgreSQL, plus what only this backend promises.</summary>
public sealed class PostgreSqlBackendTests : PhysicalBackendConformance, IClassFixture<PostgreSqlDatabaseFixture>, IAsyncDisposable
{
    private readonly PostgreSqlDatabaseFixture _fixture;
    private readonly List<PostgreSqlBackend> _backends = [];

    public PostgreSqlBackendTests(PostgreSqlDatabaseFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Rows_HaveVaultsLayout()
    {
        var table = NewTable();
        var backend = Open(table);
        await backend.PutAsync("a/b/c", new byte[] { 1 });
        await backend.PutAsync("a/d", new byte[] { 2 });
        await backend.PutAsync("top", new byte[] { 3 });

        await using var connection = await _fixture.Database.OpenAsync();
        var rows = (await connection.QueryAsync<(string ParentPath, string Path, string Key)>(
            $"SELECT parent_path, path, key FROM \"{table}\" ORDER BY key")).ToList();
        Assert.Equal([("/a/", "/a/b/", "c"), ("/", "/a/", "d"), ("", "/", "top")], rows);
    }

    [Fact]
    public async Task Table_HasVaultsSchema_CollateC_PrimaryKey_AndParentPathIndex()
    {
        var table = NewTable();
        Open(table);
        await using var connection = await _fixture.Database.OpenAsync();
        var columns = (await connection.QueryAsync<(string Name, string Type, string? Collation, string Nullable)>(
            "SELECT column_name, data_type, collation_name, is_nullable FROM information_schema.columns WHERE table_name = @table ORDER BY ordinal_position",
            new { table })).ToList();
        Assert.Equal(
            [("parent_path", "text", "C", "NO"), ("path", "text", "C", "NO"), ("key", "text", "C", "NO"), ("value", "bytea", null, "YES")],
            columns);
        var indexes = (await connection.QueryAsync<string>("SELECT indexdef FROM pg_indexes WHERE tablename = @table ORDER BY indexname", new { table })).ToList();
        Assert.Contains(indexes, i => i.Contains("UNIQUE INDEX", StringComparison.Ordinal) && i.EndsWith("(path, key)", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains($"{table}_parent_path_idx", StringComparison.Ordinal) && i.EndsWith("(parent_path)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Data_SurvivesReopening()
    {
        var table = NewTable();
        await Open(table).PutAsync("persist/me", new byte[] { 4, 2 });
        Assert.Equal(new byte[] { 4, 2 }, await Open(table).GetAsync("persist/me"));
    }

    [Fact]
    public async Task RepeatedStatements_ArePreparedOnThePooledConnection()
    {
        var backend = Open(NewTable(), maxParallel: 1);
        for (var i = 0; i < 5; i++)
        {
            await backend.PutAsync("prepared/key", new byte[] { (byte)i });
            await backend.GetAsync("prepared/key");
            await backend.ListAsync("prepared/");
        }

        // max_parallel 1: the one pooled connection served every call above, so it holds their prepared statements.
        await using var connection = await backend.DataSource.OpenConnectionAsync();
        var statements = (await connection.QueryAsync<string>("SELECT statement FROM pg_prepared_statements")).ToList();
        Assert.Contains(statements, s => s.Contains("INSERT INTO", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.StartsWith("SELECT value FROM", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("UNION", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_Over100000Keys_UsesTheParentPathIndex()
    {
        var table = NewTable();
        var backend = Open(table);
        await using var connection = await _fixture.Database.OpenAsync();

        // One statement writes 100,000 rows with Vault's layout: 1,000 folders big/d<n>, each with 50 keys and a
        // sub-folder s/ holding 50 more.
        await connection.ExecuteAsync($"""
            INSERT INTO "{table}" (parent_path, path, key, value)
            SELECT CASE WHEN i % 2 = 0 THEN '/big/' ELSE '/big/d' || (i / 2 % 1000) || '/' END,
                   '/big/d' || (i / 2 % 1000) || CASE WHEN i % 2 = 0 THEN '/' ELSE '/s/' END,
                   'k' || i, '\x00'::bytea
            FROM generate_series(0, 99999) AS i;
            ANALYZE "{table}";
            """);

        var listed = await backend.ListAsync("big/d6/");
        Assert.Equal(51, listed.Count);
        Assert.Equal("s/", listed[^1]);
        Assert.Equal(1000, (await backend.ListAsync("big/")).Count);

        // Both the plan for these values and the generic plan a prepared statement may switch to (parameters
        // unknown) read the index; Vault's LIKE $1 || '%' could not use it in a prepared statement.
        var sql = backend.ListSql.Replace("@path", "$1", StringComparison.Ordinal).Replace("@upper", "$2", StringComparison.Ordinal);
        await connection.ExecuteAsync($"PREPARE list_plan(text, text) AS {sql}");
        foreach (var mode in new[] { "force_custom_plan", "force_generic_plan" })
        {
            await connection.ExecuteAsync($"SET plan_cache_mode = {mode}");
            var plan = string.Join('\n', await connection.QueryAsync<string>("EXPLAIN EXECUTE list_plan('/big/d6/', '/big/d60')"));
            Assert.Matches($"(Index|Bitmap Index) Scan[^\\n]* on \"?{table}_parent_path_idx", plan);
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task VaultMadeTable_WithSkipCreateTable_IsUsedAsItIs()
    {
        var table = NewTable();
        await using (var connection = await _fixture.Database.OpenAsync())
        {
            await connection.ExecuteAsync($"""
                CREATE TABLE "{table}" (
                  parent_path TEXT COLLATE "C" NOT NULL, path TEXT COLLATE "C", key TEXT COLLATE "C", value BYTEA,
                  CONSTRAINT "{table}_pk" PRIMARY KEY (path, key));
                CREATE INDEX "{table}_vault_idx" ON "{table}" (parent_path);
                """);
        }

        await Open(table, skipCreateTable: true).PutAsync("x/y", new byte[] { 7 });
        Assert.Equal(new byte[] { 7 }, await Open(table).GetAsync("x/y"));
        await using var check = await _fixture.Database.OpenAsync();
        Assert.Equal(2, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM pg_indexes WHERE tablename = @table", new { table }));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }

    protected override IPhysicalBackend CreateBackend() => Open(NewTable());

    private static string NewTable() => "t_" + Guid.NewGuid().ToString("N");

    private PostgreSqlBackend Open(string table, int maxParallel = 128, bool skipCreateTable = false)
    {
        var backend = (PostgreSqlBackend)new PostgreSqlBackendFactory(_ => null).Create(new Dictionary<string, string>
        {
            ["connection_url"] = _fixture.Database.Url,
            ["table"] = table,
            ["max_parallel"] = maxParallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["skip_create_table"] = skipCreateTable ? "true" : "false",
        });
        _backends.Add(backend);
        return backend;
    }
}
