using SecretVault.Client.Models;

namespace SecretVault.Cli.Output;

/// <summary>The seal-status table printed by <c>status</c> and <c>operator unseal</c>.</summary>
public static class SealStatusTable
{
    public static IReadOnlyList<(string Key, string Value)> Rows(SealStatusResponse status, LeaderResponse? leader)
    {
        var rows = new List<(string, string)>
        {
            ("Seal Type", status.Type),
            ("Initialized", Printer.Bool(status.Initialized)),
            ("Sealed", Printer.Bool(status.Sealed)),
            ("Total Shares", status.Shares.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Threshold", status.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (status.Sealed)
        {
            rows.Add(("Unseal Progress", $"{status.Progress}/{status.Threshold}"));
            rows.Add(("Unseal Nonce", status.Nonce.Length > 0 ? status.Nonce : "n/a"));
        }

        rows.Add(("Version", status.Version));
        rows.Add(("Build Date", status.BuildDate));
        rows.Add(("Storage Type", status.StorageType ?? "n/a"));
        if (status.ClusterName is not null)
        {
            rows.Add(("Cluster Name", status.ClusterName));
            rows.Add(("Cluster ID", status.ClusterId ?? ""));
        }

        rows.Add(("HA Enabled", Printer.Bool(leader?.HaEnabled ?? false)));
        return rows;
    }
}
