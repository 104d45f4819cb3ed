using System.Text.Json.Nodes;
using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Commands.Kv;

/// <summary>
/// <c>vaultcli kv metadata put|patch PATH</c>: set a KV v2 key's max_versions, cas_required,
/// delete_version_after and custom_metadata (put replaces custom_metadata, patch merges it).
/// </summary>
public sealed class KvMetadataWriteCommand : ICommand
{
    private readonly bool _patch;

    private KvMetadataWriteCommand(bool patch)
    {
        _patch = patch;
    }

    public static KvMetadataWriteCommand Put { get; } = new(patch: false);

    public static KvMetadataWriteCommand Patch { get; } = new(patch: true);

    public string Name => _patch ? "kv metadata patch" : "kv metadata put";

    public string Synopsis => _patch ? "Patches key settings in the KV store" : "Sets or updates key settings in the KV store";

    public string Help => $"""
        Usage: vaultcli {Name} [options] PATH

          {(_patch ? "Changes only the given settings of an existing key" : "Creates or updates the key's settings")} (KV v2).

        {KvFlags.MountHelp}
          -max-versions=N             Versions kept for the key (0: the mount's setting).
          -cas-required=true|false    Every write must use check-and-set.
          -delete-version-after=DUR   Soft-delete versions this long after they are written.
          -custom-metadata=K=V        A custom metadata entry; repeat for more.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values("max-versions", "cas-required", "delete-version-after", "custom-metadata");

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "writing", async () =>
    {
        var body = Body(context);
        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        var path = target.MetadataPath;
        if (_patch)
        {
            await context.Client.PatchAsync(path, body.ToJsonString(), ct).ConfigureAwait(false);
        }
        else
        {
            await context.Client.WriteAsync(path, body.ToJsonString(), ct: ct).ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync($"Success! Data written to: {path}").ConfigureAwait(false);
        return 0;
    });

    private static JsonObject Body(CommandContext context)
    {
        var arguments = context.Arguments;
        var body = new JsonObject();
        if (arguments.Has("max-versions"))
        {
            body["max_versions"] = arguments.GetInt("max-versions", 0);
        }

        if (arguments.Get("cas-required") is { } casRequired)
        {
            body["cas_required"] = casRequired switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new CliUsageException($"invalid value \"{casRequired}\" for flag -cas-required: expected true or false"),
            };
        }

        if (arguments.Get("delete-version-after") is { } deleteAfter)
        {
            body["delete_version_after"] = deleteAfter;
        }

        var custom = arguments.GetAll("custom-metadata");
        if (custom.Count > 0)
        {
            var map = new JsonObject();
            foreach (var pair in custom)
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new CliUsageException($"invalid -custom-metadata \"{pair}\": expected key=value");
                }

                map[pair[..eq]] = pair[(eq + 1)..];
            }

            body["custom_metadata"] = map;
        }

        return body;
    }
}
