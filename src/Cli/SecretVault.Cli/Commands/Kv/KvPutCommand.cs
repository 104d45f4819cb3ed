using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv put [-cas=N] PATH K=V...</c>: write a secret (a new version on KV v2).</summary>
public sealed class KvPutCommand : ICommand
{
    public string Name => "kv put";

    public string Synopsis => "Sets or updates data in the KV store";

    public string Help => $"""
        Usage: vaultcli kv put [options] PATH [K=V...]

          Writes the data to PATH, replacing what was there. Values may be K=V, K=@file,
          K=- (one value from stdin), or a lone - for a JSON object on stdin.

        {KvFlags.MountHelp}
          -cas=N              Check-and-set (KV v2): 0 writes only if the key does not exist,
                              N only if the current version is N.
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values("cas");

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "writing", async () =>
    {
        var data = KeyValueArguments.Parse(context.Arguments.Positional.Skip(1), context.Environment.ReadAllInput);
        if (data.Count == 0)
        {
            throw new CliUsageException("Must supply data");
        }

        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        if (!target.IsV2)
        {
            if (KvWriter.Cas(context) is not null)
            {
                throw new CliUsageException("-cas is only supported on KV version 2");
            }

            await context.Client.WriteAsync(target.DataPath, data.ToJsonString(), ct: ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Success! Data written to: {target.DataPath}").ConfigureAwait(false);
            return 0;
        }

        var envelope = await context.Client.WriteAsync(target.DataPath, KvWriter.V2Body(data, KvWriter.Cas(context)), ct: ct).ConfigureAwait(false);
        return KvWriter.PrintVersion(context, target, envelope);
    });
}
