namespace SecretVault.Server.Configuration;

/// <summary>
/// The configuration as Vault's <c>sys/config/state/sanitized</c> shows it: top-level settings, each listener's keys as
/// written, and of the storage only its type, since storage settings hold paths and connection strings with passwords.
/// </summary>
public static class SanitizedConfig
{
    /// <summary>The sanitized form of <paramref name="config"/>.</summary>
    public static IReadOnlyDictionary<string, object?> Of(ServerConfig config)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["api_addr"] = config.ApiAddr,
            ["cache_size"] = 0,
            ["cluster_addr"] = config.ClusterAddr,
            ["cluster_cipher_suites"] = "",
            ["cluster_name"] = config.ClusterName ?? "",
            ["default_lease_ttl"] = (long)config.DefaultLeaseTtl.TotalSeconds,
            ["default_max_request_duration"] = 0,
            ["disable_cache"] = false,
            ["disable_clustering"] = false,
            ["disable_indexing"] = false,
            ["disable_mlock"] = config.DisableMlock,
            ["disable_performance_standby"] = false,
            ["disable_printable_check"] = false,
            ["disable_sealwrap"] = false,
            ["enable_ui"] = config.Ui,
            ["listeners"] = config.Listeners.Select(l => new Dictionary<string, object?> { ["type"] = "tcp", ["config"] = l.Raw }).ToList(),
            ["log_level"] = config.LogLevel,
            ["max_lease_ttl"] = (long)config.MaxLeaseTtl.TotalSeconds,
            ["pid_file"] = "",
            ["plugin_directory"] = "",
            ["raw_storage_endpoint"] = false,
            ["storage"] = new Dictionary<string, object?>
            {
                ["type"] = config.Storage.Type,
                ["redirect_addr"] = "",
                ["cluster_addr"] = config.ClusterAddr,
                ["disable_clustering"] = false,
            },
        };
        if (config.Telemetry is not null)
        {
            result["telemetry"] = config.Telemetry;
        }

        if (config.UserLockout.Count > 0)
        {
            result["user_lockout_configs"] = config.UserLockout.Select(u => new Dictionary<string, object?>
            {
                ["type"] = u.Key,
                ["lockout_threshold"] = u.Value.Threshold,
                ["lockout_duration"] = u.Value.Duration?.TotalSeconds,
                ["lockout_counter_reset"] = u.Value.CounterReset?.TotalSeconds,
                ["disable_lockout"] = u.Value.Disable,
            }).ToList();
        }

        return result;
    }
}
