using Npgsql;

namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// <c>storage.postgresql</c> as read from the configuration, with Vault's keys and defaults. The connection
/// string holds the password: it is never printed; <see cref="DisplayName"/> is what messages show.
/// </summary>
public sealed record PostgreSqlStorageConfig
{
    /// <summary>Vault's default table.</summary>
    public const string DefaultTable = "vault_kv_store";

    /// <summary>Vault's default HA lock table.</summary>
    public const string DefaultHaTable = "vault_ha_locks";

    /// <summary>Vault's default limit on concurrent storage operations.</summary>
    public const int DefaultMaxParallel = 128;

    /// <summary>The parsed connection, password included.</summary>
    public required NpgsqlConnectionStringBuilder Connection { get; init; }

    /// <summary>The connection as messages name it: the password masked.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The key/value table.</summary>
    public string Table { get; init; } = DefaultTable;

    /// <summary>Whether this server takes part in HA (refused at start until HA exists).</summary>
    public bool HaEnabled { get; init; }

    /// <summary>The HA lock table.</summary>
    public string HaTable { get; init; } = DefaultHaTable;

    /// <summary>The most connections (and so concurrent operations) the pool opens.</summary>
    public int MaxParallel { get; init; } = DefaultMaxParallel;

    /// <summary>Idle connections kept open; null leaves the driver's default.</summary>
    public int? MaxIdleConnections { get; init; }

    /// <summary>When true the table is expected to exist and is not created.</summary>
    public bool SkipCreateTable { get; init; }
}
