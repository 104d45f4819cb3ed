using SecretVault.Storage.PostgreSql;

namespace SecretVault.Testing.Storage;

/// <summary>
/// The PostgreSQL that ./test.sh starts (tests/scripts/postgres.sh), found through SV_TEST_PG_URL. Without it the
/// PostgreSQL tests fail with a message saying how to start one: they never skip, since CI always provides it.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable with the server's connection URL.</summary>
    public const string UrlVariable = "SV_TEST_PG_URL";

    /// <summary>The connection URL of the test server's superuser.</summary>
    public static string Url => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url
        ? url
        : throw new InvalidOperationException(
            $"{UrlVariable} is not set: these tests need a PostgreSQL server. ./test.sh starts one; alone, run "
            + "eval \"$(tests/scripts/postgres.sh start)\" before dotnet test, and tests/scripts/postgres.sh stop \"$SV_TEST_PG_DIR\" after.");

    /// <summary>The password inside <see cref="Url"/>, for tests that show it never reaches output.</summary>
    public static string Password => PostgreSqlConnectionUrl.Parse(Url).Password ?? "";

    /// <summary><see cref="Url"/> pointed at database <paramref name="database"/>.</summary>
    public static string UrlFor(string database)
    {
        var connection = PostgreSqlConnectionUrl.Parse(Url);
        return $"postgres://{Uri.EscapeDataString(connection.Username!)}:{Uri.EscapeDataString(connection.Password!)}@"
            + $"{connection.Host}:{connection.Port}/{database}?sslmode=disable";
    }
}
