namespace SecretVault.Cli.Commands.Secrets;

/// <summary><c>vaultcli secrets disable PATH</c>: unmount and delete the engine's data.</summary>
public sealed class SecretsDisableCommand : ICommand
{
    public string Name => "secrets disable";

    public string Synopsis => "Disable a secrets engine";

    public string Help => """
        Usage: vaultcli secrets disable [options] PATH

          Disables the secrets engine at PATH. All of its data is deleted.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "disabling secrets engine", async () =>
    {
        var path = MountTable.Normalize(ApiCall.RequiredArgument(context, "PATH"));
        await context.Client.DeleteAsync("sys/mounts/" + path, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Disabled the secrets engine (if it existed) at: {path}").ConfigureAwait(false);
        return 0;
    });
}
