namespace SecretVault.Cli.Commands.Token;

/// <summary><c>vaultcli token renew [-increment=DUR] [TOKEN]</c>.</summary>
public sealed class TokenRenewCommand : ICommand
{
    public string Name => "token renew";

    public string Synopsis => "Renew a token lease";

    public string Help => "Usage: vaultcli token renew [options] [TOKEN]\n\n  Renews the given token, or the one in use. -increment=DUR asks for a new TTL.";

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "increment", "i" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "renewing token", async () =>
    {
        var increment = context.Arguments.Get("increment") ?? context.Arguments.Get("i");
        var envelope = context.Arguments.Positional.Count == 0
            ? await context.Client.WriteAsync("auth/token/renew-self", new { increment }, ct: ct).ConfigureAwait(false)
            : await context.Client.WriteAsync("auth/token/renew", new { token = context.Arguments.Positional[0], increment }, ct: ct).ConfigureAwait(false);
        Output.EnvelopePrinter.Print(context, envelope);
        return 0;
    });
}
