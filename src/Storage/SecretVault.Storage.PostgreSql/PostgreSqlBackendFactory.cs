using Npgsql;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// Creates <see cref="PostgreSqlBackend"/> for <c>storage: {postgresql: {connection_url: ...}}</c>: reads the
/// settings, builds the pool, creates and checks the table. Any failure is one line naming the connection with
/// its password masked.
/// </summary>
public sealed class PostgreSqlBackendFactory : IPhysicalBackendFactory
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Func<string, string?> _environment;

    /// <summary>A factory that reads VAULT_PG_CONNECTION_URL from the process environment.</summary>
    public PostgreSqlBackendFactory() : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>A factory that reads environment variables through <paramref name="environment"/> (tests).</summary>
    public PostgreSqlBackendFactory(Func<string, string?> environment)
    {
        _environment = environment;
    }

    /// <inheritdoc />
    public string Type => "postgresql";

    /// <inheritdoc />
    public IReadOnlySet<string> ConfigKeys => PostgreSqlConfigReader.Keys;

    /// <inheritdoc />
    public IPhysicalBackend Create(IReadOnlyDictionary<string, string> config)
    {
        var settings = PostgreSqlConfigReader.Read(config, _environment);
        var dataSource = PostgreSqlDataSources.Create(settings);
        try
        {
            // The factory contract is synchronous and runs once at start-up, before any request: blocking is safe here.
            using var timeout = new CancellationTokenSource(StartTimeout);
            PostgreSqlSchema.EnsureAsync(dataSource, settings.Table, settings.SkipCreateTable, timeout.Token).GetAwaiter().GetResult();
            return new PostgreSqlBackend(dataSource, settings.Table);
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgreSqlStartupException or OperationCanceledException or TimeoutException)
        {
            dataSource.Dispose();
            throw new PostgreSqlStartupException(
                $"cannot use PostgreSQL storage at {settings.DisplayName}: {Redact(Describe(ex), settings.Connection.Password)}");
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        PostgreSqlStartupException => ex.Message,
        OperationCanceledException => $"no answer within {StartTimeout.TotalSeconds:0} s",
        _ when ex.InnerException is { } inner && inner is not NpgsqlException => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };

    // Npgsql does not put the password in its messages; this keeps it so if a message ever quotes the connection.
    private static string Redact(string message, string? password) =>
        string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
}
