using Npgsql;

namespace SecretVault.Storage.PostgreSql.Tests;

public sealed class PostgreSqlConnectionUrlTests
{
    [Fact]
    public void Uri_WithEveryPart_IsParsed()
    {
        var connection = PostgreSqlConnectionUrl.Parse("postgres://user123:secret123!@localhost:5433/vault?sslmode=disable&connect_timeout=7&application_name=sv");
        Assert.Equal(("localhost", 5433, "user123", "secret123!", "vault"), (connection.Host, connection.Port, connection.Username, connection.Password, connection.Database));
        Assert.Equal(SslMode.Disable, connection.SslMode);
        Assert.Equal(7, connection.Timeout);
        Assert.Equal("sv", connection.ApplicationName);
    }

    [Fact]
    public void Uri_PercentEscapesAndAnUnescapedAt_InThePassword()
    {
        Assert.Equal("p@ss/w:rd", PostgreSqlConnectionUrl.Parse("postgresql://u:p%40ss%2Fw%3Ard@h/db").Password);
        Assert.Equal("p@ss", PostgreSqlConnectionUrl.Parse("postgresql://u:p@ss@h/db").Password);
    }

    [Fact]
    public void Uri_WithoutHostOrDatabase_UsesLibpqDefaults()
    {
        var connection = PostgreSqlConnectionUrl.Parse("postgres://vault@/");
        Assert.Equal(("localhost", 5432, "vault"), (connection.Host, connection.Port, connection.Username));
    }

    [Fact]
    public void Keywords_AreParsed_WithQuotedValues()
    {
        var connection = PostgreSqlConnectionUrl.Parse("host=db port=6000 user=vault password='it\\'s a \\' pw' dbname=kv sslmode=require");
        Assert.Equal(("db", 6000, "vault", "it's a ' pw", "kv", SslMode.Require), (connection.Host, connection.Port, connection.Username, connection.Password, connection.Database, connection.SslMode));
    }

    [Theory]
    [InlineData("mysql://u:p@h/db")]
    [InlineData("postgres://u:p@h:notaport/db")]
    [InlineData("postgres://u:p@h/db?sslmode=sometimes")]
    [InlineData("postgres://u:p@h/db?unknown_thing=1")]
    [InlineData("host=h password='unterminated")]
    [InlineData("just words")]
    public void Malformed_IsRefused_WithoutQuotingTheUrl(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgreSqlConnectionUrl.Parse(url));
        Assert.Contains("connection_url", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":p@", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unterminated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_HidesThePassword_AndNamesTheRest()
    {
        var connection = PostgreSqlConnectionUrl.Parse("postgres://vault:hunter2@db.internal:6543/secrets");
        Assert.Equal("postgres://vault:***@db.internal:6543/secrets", PostgreSqlConnectionUrl.Mask(connection));
        Assert.Equal("postgres://vault@localhost:5432/", PostgreSqlConnectionUrl.Mask(PostgreSqlConnectionUrl.Parse("host=localhost user=vault")));
    }
}
