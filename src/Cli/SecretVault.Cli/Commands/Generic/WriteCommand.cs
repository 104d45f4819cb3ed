using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Commands.Generic;

/// <summary><c>vaultcli write PATH [K=V ...]</c>: PUT data to a path.</summary>
public sealed class WriteCommand : ICommand
{
    public string Name => "write";

    public string Synopsis => "Write data, configuration, and secrets";

    public string Help => """
        Usage: vaultcli write [options] PATH [K=V...]

          Writes data to the given path. Values may be K=V, K=@file (the file's contents),
          K=- (read from stdin), or a lone - to read a JSON object from stdin.

          -field=NAME         Print only this field of the response.
          -force              Write even with no data (vault's -f).
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "field" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "force", "f" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "writing", async () =>
    {
        var path = ApiCall.RequiredArgument(context, "PATH");
        var data = KeyValueArguments.Parse(context.Arguments.Positional.Skip(1), context.Environment.ReadAllInput);
        if (data.Count == 0 && !context.Arguments.GetBool("force") && !context.Arguments.GetBool("f"))
        {
            throw new CliUsageException("must supply data or use -force");
        }

        var envelope = await context.Client.WriteAsync(path, data.ToJsonString(), ct: ct).ConfigureAwait(false);
        if (envelope is null)
        {
            await context.Out.WriteLineAsync($"Success! Data written to: {path}").ConfigureAwait(false);
            return 0;
        }

        Output.EnvelopePrinter.Print(context, envelope, context.Arguments.Get("field"));
        return 0;
    });
}
