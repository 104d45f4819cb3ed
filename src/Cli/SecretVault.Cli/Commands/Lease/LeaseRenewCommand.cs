namespace SecretVault.Cli.Commands.Lease;

/// <summary><c>vaultcli lease renew [-increment=DURATION] ID</c>.</summary>
public sealed class LeaseRenewCommand : ICommand
{
    public string Name => "lease renew";

    public string Synopsis => "Renew the lease of a secret";

    public string Help => """
        Usage: vaultcli lease renew [options] ID

          Extends a lease. The engine may ignore the increment; the lease never outlives its max TTL.

          -increment=DURATION  The extension asked for, for example 1h (default: the lease's TTL).
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "increment" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "renewing lease", async () =>
    {
        var id = ApiCall.RequiredArgument(context, "ID");
        var envelope = await context.Client.WriteAsync("sys/leases/renew", new { lease_id = id, increment = context.Arguments.Get("increment") ?? "0" }, ct: ct).ConfigureAwait(false);
        Output.EnvelopePrinter.Print(context, envelope);
        return 0;
    });
}
