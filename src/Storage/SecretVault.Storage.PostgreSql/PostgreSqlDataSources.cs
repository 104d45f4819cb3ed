using Npgsql;

namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// Builds the one pooled <see cref="NpgsqlDataSource"/> a server uses for storage (and, later, its HA lock):
/// a pool per server instead of connections opened per request, which is what sealed Vault under churn.
/// </summary>
public static class PostgreSqlDataSources
{
    // Idle connections beyond max_idle_connections are closed after this long (Npgsql's pruning has no "keep N").
    private const int IdleLifetimeSeconds = 10;

    /// <summary>A data source for <paramref name="config"/>: pool size from max_parallel, statements prepared automatically.</summary>
    public static NpgsqlDataSource Create(PostgreSqlStorageConfig config)
    {
        var connection = new NpgsqlConnectionStringBuilder(config.Connection.ConnectionString)
        {
            MaxPoolSize = config.MaxParallel,

            // Every statement of the backend is a fixed text: the driver prepares each on a connection after its
            // second use and keeps it across pool returns, so Dapper's queries are prepared too.
            MaxAutoPrepare = 16,
            AutoPrepareMinUsages = 2,
            PersistSecurityInfo = false,
        };
        if (config.MaxIdleConnections is { } idle)
        {
            connection.MinPoolSize = idle;
            connection.ConnectionIdleLifetime = IdleLifetimeSeconds;
        }

        return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
    }
}
