using System.Text.Json;
using System.Text.Json.Nodes;
using SecretVault.Cli.Output;
using SecretVault.Client;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Commands;

/// <summary><c>vaultcli status</c>: the seal status; exit 0 unsealed, 2 sealed, 1 on error, like vault.</summary>
public sealed class StatusCommand : ICommand
{
    public string Name => "status";

    public string Synopsis => "Print seal and HA status";

    public string Help => """
        Usage: vaultcli status [options]

          Prints the current state of the server: whether it is initialized, sealed,
          and the unseal progress. Exit code 0 means unsealed, 2 sealed, 1 an error.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        SealStatusResponse status;
        LeaderResponse? leader = null;
        try
        {
            status = await context.Client.GetSealStatusAsync(ct).ConfigureAwait(false);
            if (!status.Sealed)
            {
                leader = await context.Client.GetLeaderAsync(ct).ConfigureAwait(false);
            }
        }
        catch (VaultApiException ex)
        {
            await context.Error.WriteLineAsync(ApiErrorText.Format("checking seal status", ex)).ConfigureAwait(false);
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await context.Error.WriteLineAsync($"Error checking seal status: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        if (context.Structured)
        {
            context.Printer.Json(Flat(status, leader));
        }
        else
        {
            context.Printer.Table(SealStatusTable.Rows(status, leader));
        }

        return status.Sealed ? 2 : 0;
    }

    /// <summary>vault's status JSON: the seal status fields with the leader's beside them (<c>jq .sealed</c> works).</summary>
    private static JsonObject Flat(SealStatusResponse status, LeaderResponse? leader)
    {
        var flat = JsonSerializer.SerializeToNode(status)!.AsObject();
        flat["ha_enabled"] = leader?.HaEnabled ?? false;
        if (leader is { IsSelf: true })
        {
            flat["is_self"] = true;
        }

        if (leader is { ActiveTime: { Length: > 0 } activeTime })
        {
            flat["active_time"] = activeTime;
        }

        if (leader is { LeaderAddress.Length: > 0 })
        {
            flat["leader_address"] = leader.LeaderAddress;
        }

        if (leader is { LeaderClusterAddress.Length: > 0 })
        {
            flat["leader_cluster_address"] = leader.LeaderClusterAddress;
        }

        return flat;
    }
}
