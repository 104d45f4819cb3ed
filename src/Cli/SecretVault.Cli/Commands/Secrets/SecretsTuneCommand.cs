namespace SecretVault.Cli.Commands.Secrets;

/// <summary><c>vaultcli secrets tune [flags] PATH</c>.</summary>
public sealed class SecretsTuneCommand : ICommand
{
    public string Name => "secrets tune";

    public string Synopsis => "Tune a secrets engine configuration";

    public string Help => """
        Usage: vaultcli secrets tune [options] PATH

          Changes a mount's tunables: -default-lease-ttl, -max-lease-ttl, -description,
          -audit-non-hmac-request-keys, -audit-non-hmac-response-keys, -listing-visibility,
          -passthrough-request-headers, -allowed-response-headers, -version (KV: upgrade 1 to 2).
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>(MountFlags.Names);

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "tuning secrets engine", async () =>
    {
        var path = MountTable.Normalize(ApiCall.RequiredArgument(context, "PATH"));
        await context.Client.WriteAsync($"sys/mounts/{path}tune", Tune.Body(context).ToJsonString(), HttpMethod.Post, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Tuned the secrets engine at: {path}").ConfigureAwait(false);
        return 0;
    });
}
