namespace SecretVault.Cli.Commands.Generic;

/// <summary><c>vaultcli read PATH</c>: GET a path and print its data.</summary>
public sealed class ReadCommand : ICommand
{
    public string Name => "read";

    public string Synopsis => "Read data and retrieve secrets";

    public string Help => """
        Usage: vaultcli read [options] PATH

          Reads data from the given path, for example: vaultcli read sys/mounts

          -field=NAME         Print only this field, without a trailing table.
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "field" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "reading", async () =>
    {
        var path = ApiCall.RequiredArgument(context, "PATH");
        var query = context.Arguments.Positional.Skip(1).ToList();
        var envelope = await context.Client.ReadAsync(query.Count == 0 ? path : path + "?" + string.Join('&', query.Select(Uri.EscapeDataString).Select(q => q.Replace("%3D", "=", StringComparison.Ordinal))), ct).ConfigureAwait(false);
        if (envelope is null)
        {
            await context.Error.WriteLineAsync($"No value found at {path}").ConfigureAwait(false);
            return 2;
        }

        Output.EnvelopePrinter.Print(context, envelope, context.Arguments.Get("field"));
        return 0;
    });
}
