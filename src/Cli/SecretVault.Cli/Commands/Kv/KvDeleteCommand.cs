namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv delete [-versions=1,2] PATH</c>: delete a secret; on KV v2 a soft delete of the latest (or the listed) versions.</summary>
public sealed class KvDeleteCommand : ICommand
{
    public string Name => "kv delete";

    public string Synopsis => "Deletes versions in the KV store";

    public string Help => $"""
        Usage: vaultcli kv delete [options] PATH

          Deletes the secret at PATH. On KV v2 the latest version is soft-deleted (kv undelete
          brings it back); -versions soft-deletes those versions instead.

        {KvFlags.MountHelp}
          -versions=1,2       The versions to delete (KV v2).
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values("versions");

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "deleting", async () =>
    {
        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        if (context.Arguments.Has("versions"))
        {
            var path = target.ActionPath("delete");
            await context.Client.WriteAsync(path, new { versions = KvFlags.Versions(context) }, ct: ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Success! Data deleted (if it existed) at: {path}").ConfigureAwait(false);
            return 0;
        }

        await context.Client.DeleteAsync(target.DataPath, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Data deleted (if it existed) at: {target.DataPath}").ConfigureAwait(false);
        return 0;
    });
}
