using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SecretVault.Storage.PostgreSql;
using SecretVault.Testing.Processes;
using SecretVault.Testing.Storage;

namespace SecretVault.Server.Tests.Hosting;

/// <summary>The real server binary on storage.postgresql: how it starts, how it refuses to, and what it never prints.</summary>
public sealed class PostgreSqlStorageStartupTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("sv-pg-proc-");

    [Fact]
    public async Task UnreachableDatabase_ExitsWithOneLine_NamingTheConnection_PasswordMasked()
    {
        const string password = "unreachable-pw-7f3a";
        var pgPort = FreePort.Next();
        var config = await WriteConfigAsync($"connection_url: postgres://vault:{password}@127.0.0.1:{pgPort}/vaultdb");
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);

        Assert.Equal(1, await server.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(server.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Error starting the server: error initializing storage of type postgresql (storage.postgresql): cannot use PostgreSQL storage at postgres://vault:***@127.0.0.1:{pgPort}/vaultdb: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(password, server.StandardOutput + server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlFromTheEnvironment_WithAWrongPassword_IsRefused_WithoutThePassword()
    {
        const string password = "wrong-pw-from-env-91c2";
        var real = PostgreSqlConnectionUrl.Parse(TestPostgres.Url);
        var config = await WriteConfigAsync("table: vault_kv_store");
        await using var server = RunningProcess.StartDotnet(
            RepoPaths.ServerDll,
            ["server", "-config", config],
            new Dictionary<string, string> { ["VAULT_PG_CONNECTION_URL"] = $"postgres://{real.Username}:{password}@{real.Host}:{real.Port}/{real.Database}?sslmode=disable" });

        Assert.Equal(1, await server.WaitForExitAsync(StartTimeout));
        Assert.Contains("password authentication failed", server.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{real.Username}:***@", server.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(password, server.StandardOutput + server.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableWithAColumnMissing_IsRefusedAtStart_NamingTheTable()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await using (var connection = await database.OpenAsync())
        {
            await using var create = new NpgsqlCommand("CREATE TABLE legacy_kv (parent_path TEXT NOT NULL, path TEXT, key TEXT, PRIMARY KEY (path, key))", connection);
            await create.ExecuteNonQueryAsync();
        }

        var config = await WriteConfigAsync("table: legacy_kv");
        await using var server = RunningProcess.StartDotnet(
            RepoPaths.ServerDll, ["server", "-config", config], new Dictionary<string, string> { ["VAULT_PG_CONNECTION_URL"] = database.Url });

        Assert.Equal(1, await server.WaitForExitAsync(StartTimeout));
        Assert.Contains("table \"legacy_kv\" does not have Vault's schema: column \"value\" must be bytea and is missing", server.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPostgres.Password, server.StandardOutput + server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HaEnabled_IsRefusedAtStart_AsNotAvailableYet()
    {
        var config = await WriteConfigAsync($"connection_url: {TestPostgres.Url}\n    ha_enabled: true");
        await using var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);

        Assert.Equal(1, await server.WaitForExitAsync(StartTimeout));
        Assert.Contains("invalid storage.postgresql configuration: \"ha_enabled\": high availability on PostgreSQL is not available yet", server.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPostgres.Password, server.StandardOutput + server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_StoresInVaultsTable_AndNeverPrintsThePassword()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var port = FreePort.Next();
        var config = await WriteConfigAsync("max_parallel: 8", port, logLevel: "trace");
        await using (var server = RunningProcess.StartDotnet(
            RepoPaths.ServerDll, ["server", "-config", config], new Dictionary<string, string> { ["VAULT_PG_CONNECTION_URL"] = database.Url }))
        {
            await server.WaitForOutputAsync("server started", StartTimeout);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
            Assert.Equal(HttpStatusCode.OK, init.StatusCode);
            var key = (await init.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keys_base64")[0].GetString();
            using var unseal = await http.PutAsJsonAsync("v1/sys/unseal", new { key });
            var status = await unseal.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(status.GetProperty("sealed").GetBoolean());
            Assert.Equal("postgresql", status.GetProperty("storage_type").GetString());
            Assert.DoesNotContain(TestPostgres.Password, server.StandardOutput + server.StandardError, StringComparison.Ordinal);
        }

        await using var connection = await database.OpenAsync();
        await using var keyring = new NpgsqlCommand("SELECT count(*) FROM vault_kv_store WHERE parent_path = '/' AND path = '/core/' AND key = 'keyring'", connection);
        Assert.Equal(1L, await keyring.ExecuteScalarAsync());
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private async Task<string> WriteConfigAsync(string postgresSettings, int? port = null, string logLevel = "warn")
    {
        var path = Path.Combine(_temp.FullName, "server.yaml");
        await File.WriteAllTextAsync(path, $"""
            storage:
              postgresql:
                {postgresSettings}
            listener:
              tcp:
                address: 127.0.0.1:{port ?? FreePort.Next()}
                tls_disable: true
            log_level: {logLevel}
            """);
        return path;
    }
}
