namespace SecretVault.Cli.Commands.Lease;

/// <summary><c>vaultcli lease lookup ID</c>.</summary>
public sealed class LeaseLookupCommand : ICommand
{
    public string Name => "lease lookup";

    public string Synopsis => "Lookup the lease of a secret";

    public string Help => """
        Usage: vaultcli lease lookup ID

          Shows the issue time, expire time, last renewal, renewability and TTL of a lease.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "looking up lease", async () =>
    {
        var id = ApiCall.RequiredArgument(context, "ID");
        var envelope = await context.Client.WriteAsync("sys/leases/lookup", new { lease_id = id }, ct: ct).ConfigureAwait(false);
        Output.EnvelopePrinter.Print(context, envelope);
        return 0;
    });
}
