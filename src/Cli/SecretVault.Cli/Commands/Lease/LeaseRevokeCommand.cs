namespace SecretVault.Cli.Commands.Lease;

/// <summary><c>vaultcli lease revoke [-prefix] [-force] [-sync] ID</c>.</summary>
public sealed class LeaseRevokeCommand : ICommand
{
    public string Name => "lease revoke";

    public string Synopsis => "Revoke a lease and the secret it stands for";

    public string Help => """
        Usage: vaultcli lease revoke [options] ID

          Revokes a lease now. Without -sync the server queues the revocation and answers at once.

          -prefix  Treat ID as a prefix: revoke every lease under it (needs sudo).
          -force   With -prefix: delete the leases even when the engine fails to revoke (needs sudo; last resort).
          -sync    Wait until the revocation has finished.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "prefix", "force", "sync" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "revoking lease", async () =>
    {
        var args = context.Arguments;
        var id = ApiCall.RequiredArgument(context, "ID");
        var sync = args.GetBool("sync");
        if (args.GetBool("force"))
        {
            if (!args.GetBool("prefix"))
            {
                throw new Parsing.CliUsageException("-force requires -prefix");
            }

            await context.Client.WriteAsync("sys/leases/revoke-force/" + id, new { }, ct: ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Success! Force revoked any leases with prefix: {id}").ConfigureAwait(false);
            return 0;
        }

        if (args.GetBool("prefix"))
        {
            await context.Client.WriteAsync("sys/leases/revoke-prefix/" + id, new { sync }, ct: ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync(sync ? $"Success! Revoked any leases with prefix: {id}" : "All revocation operations queued successfully!").ConfigureAwait(false);
            return 0;
        }

        await context.Client.WriteAsync("sys/leases/revoke", new { lease_id = id, sync }, ct: ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync(sync ? $"Success! Revoked lease: {id}" : "All revocation operations queued successfully!").ConfigureAwait(false);
        return 0;
    });
}
