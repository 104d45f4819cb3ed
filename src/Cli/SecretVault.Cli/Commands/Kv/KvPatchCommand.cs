using System.Text.Json;
using System.Text.Json.Nodes;
using SecretVault.Cli.Parsing;
using SecretVault.Client;

namespace SecretVault.Cli.Commands.Kv;

/// <summary>
/// <c>vaultcli kv patch [-cas=N] [-method=patch|rw] PATH K=V...</c>: change some keys of the current version.
/// As the vault CLI: a merge-patch request, falling back to read-then-write with cas when the server or the
/// token does not allow PATCH (405 or 403), unless <c>-method=patch</c> was asked for.
/// </summary>
public sealed class KvPatchCommand : ICommand
{
    public string Name => "kv patch";

    public string Synopsis => "Sets or updates data in the KV store without overwriting";

    public string Help => $"""
        Usage: vaultcli kv patch [options] PATH [K=V...]

          Adds or replaces the given keys in the current version of the secret (KV v2).

        {KvFlags.MountHelp}
          -cas=N              Check-and-set: only if the current version is N.
          -method=patch|rw    PATCH (default) or read-then-write.
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values("cas", "method");

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "writing", async () =>
    {
        var changes = KeyValueArguments.Parse(context.Arguments.Positional.Skip(1), context.Environment.ReadAllInput);
        if (changes.Count == 0)
        {
            throw new CliUsageException("Must supply data");
        }

        var method = context.Arguments.Get("method");
        if (method is not (null or "patch" or "rw"))
        {
            throw new CliUsageException($"invalid -method \"{method}\": expected patch or rw");
        }

        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        target.RequireV2("patch");
        if (method != "rw")
        {
            try
            {
                var patched = await context.Client.PatchAsync(target.DataPath, KvWriter.V2Body(changes, KvWriter.Cas(context)), ct).ConfigureAwait(false);
                return KvWriter.PrintVersion(context, target, patched);
            }
            catch (VaultApiException ex) when (method is null && ex.StatusCode is 405 or 403)
            {
                // An older server or a token without the patch capability: read, merge and write back.
            }
        }

        var current = await context.Client.ReadAsync(target.DataPath, ct).ConfigureAwait(false);
        if (current?.Data is not { ValueKind: JsonValueKind.Object } data || data.GetProperty("data").ValueKind != JsonValueKind.Object)
        {
            await context.Error.WriteLineAsync($"No value found at {target.DataPath}").ConfigureAwait(false);
            return 2;
        }

        var merged = JsonNode.Parse(data.GetProperty("data").GetRawText())!.AsObject();
        foreach (var (name, value) in changes)
        {
            merged[name] = value?.DeepClone();
        }

        var version = KvWriter.Cas(context) ?? data.GetProperty("metadata").GetProperty("version").GetInt32();
        var written = await context.Client.WriteAsync(target.DataPath, KvWriter.V2Body(merged, version), ct: ct).ConfigureAwait(false);
        return KvWriter.PrintVersion(context, target, written);
    });
}
