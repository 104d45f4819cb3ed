using System.Globalization;
using System.Text.Json;

namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv metadata get PATH</c>: a KV v2 key's settings and its versions.</summary>
public sealed class KvMetadataGetCommand : ICommand
{
    public string Name => "kv metadata get";

    public string Synopsis => "Retrieves a key's metadata from the KV store";

    public string Help => $"""
        Usage: vaultcli kv metadata get [options] PATH

          Prints the key's settings, then each version's times and state (KV v2).

        {KvFlags.MountHelp}
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "reading", async () =>
    {
        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        var envelope = await context.Client.ReadAsync(target.MetadataPath, ct).ConfigureAwait(false);
        if (envelope?.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            await context.Error.WriteLineAsync($"No value found at {target.MetadataPath}").ConfigureAwait(false);
            return 2;
        }

        if (context.Structured)
        {
            KvPrinter.Json(context, envelope);
            return 0;
        }

        await context.Out.WriteLineAsync($"== Metadata Path ==\n{target.MetadataPath}\n").ConfigureAwait(false);
        KvPrinter.Heading(context, "Metadata");
        var settings = data.EnumerateObject().Where(p => p.Name != "versions").ToDictionary(p => p.Name, p => p.Value);
        KvPrinter.Table(context, JsonSerializer.SerializeToElement(settings));
        if (data.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Object)
        {
            foreach (var version in versions.EnumerateObject().OrderBy(v => long.Parse(v.Name, CultureInfo.InvariantCulture)))
            {
                await context.Out.WriteLineAsync().ConfigureAwait(false);
                KvPrinter.Heading(context, $"Version {version.Name}");
                KvPrinter.Table(context, version.Value);
            }
        }

        return 0;
    });
}
