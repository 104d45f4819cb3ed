namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv metadata delete PATH</c>: remove a KV v2 key with every version and its metadata.</summary>
public sealed class KvMetadataDeleteCommand : ICommand
{
    public string Name => "kv metadata delete";

    public string Synopsis => "Deletes all versions and metadata for a key in the KV store";

    public string Help => $"""
        Usage: vaultcli kv metadata delete [options] PATH

          Permanently deletes the key, all its versions and its metadata (KV v2).

        {KvFlags.MountHelp}
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "deleting", async () =>
    {
        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        await context.Client.DeleteAsync(target.MetadataPath, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Data deleted (if it existed) at: {target.MetadataPath}").ConfigureAwait(false);
        return 0;
    });
}
