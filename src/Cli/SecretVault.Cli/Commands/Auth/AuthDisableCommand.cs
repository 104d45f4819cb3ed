namespace SecretVault.Cli.Commands.Auth;

/// <summary><c>vaultcli auth disable PATH</c>.</summary>
public sealed class AuthDisableCommand : ICommand
{
    public string Name => "auth disable";

    public string Synopsis => "Disable an auth method";

    public string Help => """
        Usage: vaultcli auth disable [options] PATH

          Disables the auth method at PATH; its data is deleted.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "disabling auth method", async () =>
    {
        var path = MountTable.Normalize(ApiCall.RequiredArgument(context, "PATH"));
        await context.Client.DeleteAsync("sys/auth/" + path, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Disabled the auth method (if it existed) at: {path}").ConfigureAwait(false);
        return 0;
    });
}
