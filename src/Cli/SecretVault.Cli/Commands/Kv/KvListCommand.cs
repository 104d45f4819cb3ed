using SecretVault.Cli.Output;

namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv list PATH</c>: the keys under a folder (on KV v2, from <c>metadata/</c>).</summary>
public sealed class KvListCommand : ICommand
{
    public string Name => "kv list";

    public string Synopsis => "List data or secrets";

    public string Help => $"""
        Usage: vaultcli kv list [options] PATH

          Lists the keys under PATH; folders end in "/".

        {KvFlags.MountHelp}
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "listing", async () =>
    {
        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        var path = target.IsV2 ? target.MetadataPath : target.DataPath;
        if (!KeyListPrinter.TryPrint(context, await context.Client.ListAsync(path, ct).ConfigureAwait(false)))
        {
            await context.Error.WriteLineAsync($"No value found at {path}").ConfigureAwait(false);
            return 2;
        }

        return 0;
    });
}
