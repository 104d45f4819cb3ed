namespace SecretVault.Cli.Commands.Auth;

/// <summary><c>vaultcli auth list</c>.</summary>
public sealed class AuthListCommand : ICommand
{
    public string Name => "auth list";

    public string Synopsis => "List enabled auth methods";

    public string Help => """
        Usage: vaultcli auth list [options]

          Lists the enabled auth methods: path, type, accessor, description and version.
          -detailed adds the TTLs, token type, options, UUID and other columns.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "detailed" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) =>
        ApiCall.RunAsync(context, "listing enabled authentications", () => MountTable.PrintAsync(context, "sys/auth", auth: true, ct));
}
