using System.Globalization;
using Npgsql;

namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// Vault's <c>connection_url</c> (a libpq URI, <c>postgres://user:pass@host:port/db?sslmode=disable</c>, or
/// libpq keywords, <c>host=... user=...</c>) as an Npgsql connection. Errors name the parameter, never its value.
/// </summary>
public static class PostgreSqlConnectionUrl
{
    /// <summary>Parses <paramref name="url"/>; throws <see cref="ArgumentException"/> on a malformed one.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string url)
    {
        var parameters = url.Contains("://", StringComparison.Ordinal) ? FromUri(url.Trim()) : FromKeywords(url);
        var builder = new NpgsqlConnectionStringBuilder();
        foreach (var (name, value) in parameters)
        {
            Apply(builder, name, value);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            builder.Host = "localhost";
        }

        return builder;
    }

    /// <summary>The connection as an operator recognizes it, with the password masked: <c>postgres://user:***@host:port/db</c>.</summary>
    public static string Mask(NpgsqlConnectionStringBuilder connection)
    {
        var user = connection.Username is { Length: > 0 } name ? Uri.EscapeDataString(name) : "";
        var secret = string.IsNullOrEmpty(connection.Password) ? "" : ":***";
        var at = user.Length + secret.Length > 0 ? "@" : "";
        var port = connection.Host!.Contains(',', StringComparison.Ordinal) || connection.Host.Contains(':', StringComparison.Ordinal)
            ? ""
            : ":" + connection.Port.ToString(CultureInfo.InvariantCulture);
        return $"postgres://{user}{secret}{at}{connection.Host}{port}/{connection.Database}";
    }

    private static List<(string Name, string Value)> FromUri(string url)
    {
        var scheme = url[..url.IndexOf("://", StringComparison.Ordinal)];
        if (scheme is not ("postgres" or "postgresql"))
        {
            throw new ArgumentException("\"connection_url\" must start with postgres:// or postgresql://");
        }

        var rest = url[(scheme.Length + 3)..];
        var result = new List<(string, string)>();
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                result.Add(equals < 0 ? throw Malformed() : (Decode(pair[..equals]), Decode(pair[(equals + 1)..])));
            }

            rest = rest[..question];
        }

        // The password may contain '@' or '/' when the operator did not escape it: the host starts after the last '@'.
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            result.Add(("user", Decode(colon < 0 ? userInfo : userInfo[..colon])));
            if (colon >= 0)
            {
                result.Add(("password", Decode(userInfo[(colon + 1)..])));
            }

            rest = rest[(at + 1)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hosts = slash < 0 ? rest : rest[..slash];
        if (hosts.Length > 0)
        {
            AddHosts(result, Decode(hosts));
        }

        if (slash >= 0 && slash < rest.Length - 1)
        {
            result.Add(("dbname", Decode(rest[(slash + 1)..])));
        }

        return result;
    }

    // One host:port becomes host and port; a list (h1:5432,h2) goes to Npgsql, which reads ports in lists itself.
    private static void AddHosts(List<(string Name, string Value)> result, string hosts)
    {
        var colon = hosts.LastIndexOf(':');
        if (hosts.Contains(',', StringComparison.Ordinal) || colon < 0 || colon < hosts.LastIndexOf(']'))
        {
            result.Add(("host", hosts.Trim('[', ']')));
            return;
        }

        result.Add(("host", hosts[..colon].Trim('[', ']')));
        result.Add(("port", hosts[(colon + 1)..]));
    }

    private static List<(string Name, string Value)> FromKeywords(string text)
    {
        var result = new List<(string, string)>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                return result;
            }

            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                throw Malformed();
            }

            var name = text[i..equals].Trim();
            i = equals + 1;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            var value = new System.Text.StringBuilder();
            var quoted = i < text.Length && text[i] == '\'';
            i += quoted ? 1 : 0;
            for (; i < text.Length && (quoted ? text[i] != '\'' : !char.IsWhiteSpace(text[i])); i++)
            {
                value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
            }

            if (quoted && i++ >= text.Length)
            {
                throw Malformed();
            }

            result.Add((name, value.ToString()));
        }
    }

    private static void Apply(NpgsqlConnectionStringBuilder builder, string name, string value)
    {
        switch (name)
        {
            case "host" or "hostaddr":
                builder.Host = value;
                break;
            case "port":
                builder.Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                    ? port
                    : throw new ArgumentException("\"connection_url\": the port must be a number from 1 to 65535");
                break;
            case "user":
                builder.Username = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "dbname":
                builder.Database = value;
                break;
            case "sslmode":
                builder.SslMode = SslModeOf(value);
                break;
            case "sslrootcert":
                builder.RootCertificate = value;
                break;
            case "sslcert":
                builder.SslCertificate = value;
                break;
            case "sslkey":
                builder.SslKey = value;
                break;
            case "connect_timeout":
                builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    ? seconds
                    : throw new ArgumentException("\"connection_url\": connect_timeout must be a whole number of seconds");
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "target_session_attrs":
                builder.TargetSessionAttributes = value;
                break;
            case "search_path":
                builder.SearchPath = value;
                break;
            default:
                throw new ArgumentException($"\"connection_url\": the parameter \"{name}\" is not supported");
        }
    }

    private static SslMode SslModeOf(string value) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new ArgumentException("\"connection_url\": sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full"),
    };

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            throw Malformed();
        }
    }

    private static ArgumentException Malformed() => new("\"connection_url\" is not a valid PostgreSQL connection URL");
}
