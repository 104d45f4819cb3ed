using YamlDotNet.RepresentationModel;
using static SecretVault.Server.Configuration.ConfigNodes;

namespace SecretVault.Server.Configuration;

/// <summary>
/// Checks Vault's <c>telemetry</c> block: every key Vault knows, with its type. None of them has an effect yet (metrics
/// are served by <c>sys/metrics</c> without a sink), so each one set is named in the start-up warning.
/// </summary>
public static class TelemetryReader
{
    private static readonly string[] Bools =
        ["disable_hostname", "enable_hostname_label", "add_lease_metrics_namespace_labels", "add_mount_point_rollback_metrics", "filter_default", "stackdriver_debug_logs"];

    private static readonly string[] Durations = ["usage_gauge_period", "lease_metrics_epsilon", "prometheus_retention_time"];

    private static readonly string[] Numbers = ["maximum_gauge_cardinality", "num_lease_metrics_buckets"];

    private static readonly string[] Lists = ["prefix_filter", "dogstatsd_tags", "circonus_check_tags"];

    private static readonly string[] Strings =
        [
            "metrics_prefix", "statsite_address", "statsd_address", "dogstatsd_addr", "stackdriver_project_id", "stackdriver_location",
            "stackdriver_namespace", "circonus_api_token", "circonus_api_app", "circonus_api_url", "circonus_submission_interval",
            "circonus_submission_url", "circonus_check_id", "circonus_check_force_metric_activation", "circonus_check_instance_id",
            "circonus_check_search_tag", "circonus_check_display_name", "circonus_broker_id", "circonus_broker_select_tag",
        ];

    /// <summary>The block's values as written (<c>circonus_api_token</c> left out: it is a secret).</summary>
    public static IReadOnlyDictionary<string, object?> Read(YamlMappingNode telemetry, ICollection<string> withoutEffect)
    {
        const string prefix = "telemetry.";
        CheckKeys(telemetry, [.. Bools, .. Durations, .. Numbers, .. Lists, .. Strings], prefix);
        foreach (var key in Bools)
        {
            Bool(telemetry, key, prefix);
        }

        foreach (var key in Durations)
        {
            Duration(telemetry, key, prefix);
        }

        foreach (var key in Numbers)
        {
            Number(telemetry, key, prefix, minimum: 0);
        }

        foreach (var key in Lists)
        {
            List(telemetry, key, prefix);
        }

        foreach (var key in Strings)
        {
            Scalar(telemetry, key, prefix);
        }

        var raw = Raw(telemetry);
        foreach (var key in raw.Keys)
        {
            withoutEffect.Add(prefix + key);
        }

        raw.Remove("circonus_api_token");
        return raw;
    }
}
