namespace SecretVault.Cli.Commands.Generic;

/// <summary><c>vaultcli list PATH</c>: the keys under a path, one per line under a "Keys" header.</summary>
public sealed class ListCommand : ICommand
{
    public string Name => "list";

    public string Synopsis => "List data or secrets";

    public string Help => """
        Usage: vaultcli list [options] PATH

          Lists the keys under the given path (GET ?list=true).
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "listing", async () =>
    {
        var path = ApiCall.RequiredArgument(context, "PATH");
        var envelope = await context.Client.ListAsync(path, ct).ConfigureAwait(false);
        if (!Output.KeyListPrinter.TryPrint(context, envelope))
        {
            await context.Error.WriteLineAsync($"No value found at {path}").ConfigureAwait(false);
            return 2;
        }

        return 0;
    });
}
