namespace SecretVault.Cli.Commands.Generic;

/// <summary><c>vaultcli delete PATH</c>.</summary>
public sealed class DeleteCommand : ICommand
{
    public string Name => "delete";

    public string Synopsis => "Delete secrets and configuration";

    public string Help => """
        Usage: vaultcli delete [options] PATH

          Deletes the data at the given path.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "deleting", async () =>
    {
        var path = ApiCall.RequiredArgument(context, "PATH");
        await context.Client.DeleteAsync(path, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Data deleted (if it existed) at: {path}").ConfigureAwait(false);
        return 0;
    });
}
