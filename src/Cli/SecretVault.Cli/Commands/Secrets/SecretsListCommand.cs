namespace SecretVault.Cli.Commands.Secrets;

/// <summary><c>vaultcli secrets list</c>.</summary>
public sealed class SecretsListCommand : ICommand
{
    public string Name => "secrets list";

    public string Synopsis => "List enabled secrets engines";

    public string Help => """
        Usage: vaultcli secrets list [options]

          Lists the enabled secrets engines: path, type, accessor and description.
          -detailed adds the TTLs, options, UUID, versions and other columns.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "detailed" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) =>
        ApiCall.RunAsync(context, "listing secrets engines", () => MountTable.PrintAsync(context, "sys/mounts", auth: false, ct));
}
