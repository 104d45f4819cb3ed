namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// The database cannot be used at start-up (unreachable, refused, wrong schema). An <see cref="IOException"/> so
/// the server reports it in one line and exits 1; the message names the connection with its password masked.
/// </summary>
public sealed class PostgreSqlStartupException : IOException
{
    public PostgreSqlStartupException()
    {
    }

    public PostgreSqlStartupException(string message) : base(message)
    {
    }

    public PostgreSqlStartupException(string message, Exception inner) : base(message, inner)
    {
    }
}
