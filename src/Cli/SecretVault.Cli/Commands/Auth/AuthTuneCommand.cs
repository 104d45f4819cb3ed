namespace SecretVault.Cli.Commands.Auth;

/// <summary><c>vaultcli auth tune [flags] PATH</c>.</summary>
public sealed class AuthTuneCommand : ICommand
{
    public string Name => "auth tune";

    public string Synopsis => "Tune an auth method configuration";

    public string Help => """
        Usage: vaultcli auth tune [options] PATH

          Changes an auth mount's tunables (-default-lease-ttl, -max-lease-ttl, -description,
          -token-type, -listing-visibility, audit and header lists).
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>(MountFlags.Names);

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "tuning auth method", async () =>
    {
        var path = MountTable.Normalize(ApiCall.RequiredArgument(context, "PATH"));
        await context.Client.WriteAsync($"sys/auth/{path}tune", Tune.Body(context).ToJsonString(), HttpMethod.Post, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Tuned the auth method at: {path}").ConfigureAwait(false);
        return 0;
    });
}
