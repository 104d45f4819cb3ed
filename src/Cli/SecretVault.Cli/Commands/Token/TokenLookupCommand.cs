namespace SecretVault.Cli.Commands.Token;

/// <summary><c>vaultcli token lookup [-accessor] [TOKEN]</c>.</summary>
public sealed class TokenLookupCommand : ICommand
{
    public string Name => "token lookup";

    public string Synopsis => "Display information about a token";

    public string Help => """
        Usage: vaultcli token lookup [options] [TOKEN | ACCESSOR]

          Without an argument, looks up the token in use. -accessor treats the argument as an accessor.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "field" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "accessor" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "looking up token", async () =>
    {
        var argument = context.Arguments.Positional.Count > 0 ? context.Arguments.Positional[0] : null;
        var envelope = argument is null
            ? await context.Client.ReadAsync("auth/token/lookup-self", ct).ConfigureAwait(false)
            : context.Arguments.GetBool("accessor")
                ? await context.Client.WriteAsync("auth/token/lookup-accessor", new { accessor = argument }, ct: ct).ConfigureAwait(false)
                : await context.Client.WriteAsync("auth/token/lookup", new { token = argument }, ct: ct).ConfigureAwait(false);
        Output.EnvelopePrinter.Print(context, envelope, context.Arguments.Get("field"));
        return 0;
    });
}
