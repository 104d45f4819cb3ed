using System.Text.Json;
using System.Text.Json.Nodes;
using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv rollback -version=N PATH</c>: write version N's data again as a new version (check-and-set on the current one).</summary>
public sealed class KvRollbackCommand : ICommand
{
    public string Name => "kv rollback";

    public string Synopsis => "Rolls back to a previous version of data";

    public string Help => $"""
        Usage: vaultcli kv rollback -version=N PATH

          Writes the data of version N as a new version of the secret (KV v2).

        {KvFlags.MountHelp}
          -version=N          The version to restore (required).
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values("version");

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "rolling back", async () =>
    {
        var version = context.Arguments.GetInt("version", 0);
        if (version <= 0)
        {
            throw new CliUsageException("a positive -version is required");
        }

        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        target.RequireV2("rollback");
        var old = await context.Client.ReadAsync($"{target.DataPath}?version={version}", ct).ConfigureAwait(false);
        if (old?.Data is not { ValueKind: JsonValueKind.Object } oldData || oldData.GetProperty("data").ValueKind != JsonValueKind.Object)
        {
            await context.Error.WriteLineAsync($"No value found at {target.DataPath} version {version}: it does not exist, or it was deleted or destroyed").ConfigureAwait(false);
            return 2;
        }

        var metadata = await context.Client.ReadAsync(target.MetadataPath, ct).ConfigureAwait(false);
        var current = metadata?.Data?.GetProperty("current_version").GetInt32() ?? 0;
        var written = await context.Client.WriteAsync(target.DataPath, KvWriter.V2Body(JsonNode.Parse(oldData.GetProperty("data").GetRawText())!, current), ct: ct).ConfigureAwait(false);
        return KvWriter.PrintVersion(context, target, written);
    });
}
