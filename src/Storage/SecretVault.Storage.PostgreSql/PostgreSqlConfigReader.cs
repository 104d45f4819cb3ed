using System.Globalization;
using System.Text.RegularExpressions;

namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// Reads <c>storage.postgresql</c> settings into <see cref="PostgreSqlStorageConfig"/>; every error is an
/// <see cref="ArgumentException"/> naming the key and never quoting the connection URL.
/// </summary>
public static partial class PostgreSqlConfigReader
{
    /// <summary>The environment variable that overrides <c>connection_url</c>, as in Vault.</summary>
    public const string ConnectionUrlVariable = "VAULT_PG_CONNECTION_URL";

    /// <summary>The keys <c>storage.postgresql</c> accepts.</summary>
    public static IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "connection_url", "table", "ha_enabled", "ha_table", "max_parallel", "max_idle_connections", "skip_create_table",
    };

    /// <summary>Reads <paramref name="settings"/>; <paramref name="environment"/> looks up environment variables.</summary>
    public static PostgreSqlStorageConfig Read(IReadOnlyDictionary<string, string> settings, Func<string, string?> environment)
    {
        // As Vault: the environment variable wins over the file, so the password can stay out of the file.
        var url = environment(ConnectionUrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            url = settings.GetValueOrDefault("connection_url");
        }

        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ArgumentException($"the setting \"connection_url\" (or the environment variable {ConnectionUrlVariable}) is required");
        }

        var connection = PostgreSqlConnectionUrl.Parse(url);
        var haEnabled = Bool(settings, "ha_enabled");
        if (haEnabled)
        {
            throw new ArgumentException("\"ha_enabled\": high availability on PostgreSQL is not available yet in SecretVault; remove the setting or set it to false");
        }

        var maxParallel = Int(settings, "max_parallel", minimum: 1) ?? PostgreSqlStorageConfig.DefaultMaxParallel;
        return new PostgreSqlStorageConfig
        {
            Connection = connection,
            DisplayName = PostgreSqlConnectionUrl.Mask(connection),
            Table = Identifier(settings, "table", PostgreSqlStorageConfig.DefaultTable),
            HaEnabled = haEnabled,
            HaTable = Identifier(settings, "ha_table", PostgreSqlStorageConfig.DefaultHaTable),
            MaxParallel = maxParallel,
            MaxIdleConnections = Int(settings, "max_idle_connections", minimum: 0) is { } idle ? Math.Min(idle, maxParallel) : null,
            SkipCreateTable = Bool(settings, "skip_create_table"),
        };
    }

    private static bool Bool(IReadOnlyDictionary<string, string> settings, string key)
    {
        if (!settings.TryGetValue(key, out var text))
        {
            return false;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" or "" => false,
            _ => throw new ArgumentException($"\"{key}\" must be true or false"),
        };
    }

    private static int? Int(IReadOnlyDictionary<string, string> settings, string key, int minimum)
    {
        if (!settings.TryGetValue(key, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"\"{key}\" must be a whole number of at least {minimum}");
    }

    // Table names go into SQL text (they cannot be parameters), so only plain identifiers are accepted.
    private static string Identifier(IReadOnlyDictionary<string, string> settings, string key, string fallback)
    {
        if (!settings.TryGetValue(key, out var name))
        {
            return fallback;
        }

        return PlainIdentifier().IsMatch(name)
            ? name
            : throw new ArgumentException($"\"{key}\" must be a table name of letters, digits and '_' (at most 63, not starting with a digit)");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();
}
