namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv undelete|destroy -versions=1,2 PATH</c>: act on listed versions of a KV v2 secret.</summary>
public sealed class KvVersionsCommand : ICommand
{
    private readonly string _action;

    private KvVersionsCommand(string action, string synopsis, string description)
    {
        _action = action;
        Synopsis = synopsis;
        Help = $"""
            Usage: vaultcli kv {action} -versions=1,2 PATH

              {description}

            {KvFlags.MountHelp}
              -versions=1,2       The versions (required).
            """;
    }

    public static KvVersionsCommand Undelete { get; } = new("undelete", "Undeletes versions in the KV store", "Undoes the soft delete of the versions; destroyed versions stay destroyed.");

    public static KvVersionsCommand Destroy { get; } = new("destroy", "Permanently removes one or more versions in the KV store", "Permanently removes the data of the versions.");

    public string Name => "kv " + _action;

    public string Synopsis { get; }

    public string Help { get; }

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values("versions");

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "writing", async () =>
    {
        var versions = KvFlags.Versions(context);
        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        var path = target.ActionPath(_action);
        await context.Client.WriteAsync(path, new { versions }, ct: ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Data written to: {path}").ConfigureAwait(false);
        return 0;
    });
}
