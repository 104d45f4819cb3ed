namespace SecretVault.Cli.Commands.Lease;

/// <summary><c>vaultcli unwrap [TOKEN]</c>.</summary>
public sealed class UnwrapCommand : ICommand
{
    public string Name => "unwrap";

    public string Synopsis => "Unwrap a wrapped secret";

    public string Help => """
        Usage: vaultcli unwrap [options] [TOKEN]

          Prints the response wrapped in TOKEN and spends the token. Without TOKEN the token in use
          (VAULT_TOKEN or the token helper) is taken as the wrapping token.

          -field=NAME         Print only this field.
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "field" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "unwrapping", async () =>
    {
        var token = context.Arguments.Positional.FirstOrDefault();
        var envelope = await context.Client.WriteAsync("sys/wrapping/unwrap", token is null ? new { } : new { token }, ct: ct).ConfigureAwait(false);
        if (envelope is null)
        {
            await context.Error.WriteLineAsync("The wrapped response was empty").ConfigureAwait(false);
            return 2;
        }

        Output.EnvelopePrinter.Print(context, envelope, context.Arguments.Get("field"));
        return 0;
    });
}
