namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv enable-versioning PATH</c>: tune a KV v1 mount to version 2 (its data is upgraded in place).</summary>
public sealed class KvEnableVersioningCommand : ICommand
{
    public string Name => "kv enable-versioning";

    public string Synopsis => "Turns on versioning for a KV store";

    public string Help => """
        Usage: vaultcli kv enable-versioning PATH

          Tunes the KV v1 mount at PATH to version 2; every secret becomes version 1 of its key.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "tuning", async () =>
    {
        var mount = ApiCall.RequiredArgument(context, "PATH").Trim('/') + "/";
        await context.Client.WriteAsync($"sys/mounts/{mount}tune", new { options = new { version = "2" } }, ct: ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Tuned the secrets engine at: {mount}").ConfigureAwait(false);
        return 0;
    });
}
