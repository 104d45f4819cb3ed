namespace SecretVault.Cli.Commands.Token;

/// <summary><c>vaultcli token revoke [-self] [-accessor] [-mode=orphan] [TOKEN]</c>.</summary>
public sealed class TokenRevokeCommand : ICommand
{
    public string Name => "token revoke";

    public string Synopsis => "Revoke a token and its children";

    public string Help => """
        Usage: vaultcli token revoke [options] [TOKEN | ACCESSOR]

          Revokes a token and all its children. -self revokes the token in use; -accessor takes an
          accessor; -mode=orphan revokes the token alone and leaves its children as orphans (sudo).
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "mode" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "self", "accessor" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "revoking token", async () =>
    {
        var args = context.Arguments;
        if (args.GetBool("self"))
        {
            await context.Client.WriteAsync("auth/token/revoke-self", new { }, ct: ct).ConfigureAwait(false);
        }
        else
        {
            var target = ApiCall.RequiredArgument(context, "TOKEN");
            var (path, body) = args.GetBool("accessor")
                ? ("auth/token/revoke-accessor", (object)new { accessor = target })
                : (args.Get("mode") == "orphan" ? "auth/token/revoke-orphan" : "auth/token/revoke", new { token = target });
            await context.Client.WriteAsync(path, body, ct: ct).ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync("Success! Revoked token (if it existed)").ConfigureAwait(false);
        return 0;
    });
}
