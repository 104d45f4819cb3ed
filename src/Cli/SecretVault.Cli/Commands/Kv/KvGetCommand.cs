using System.Text.Json;
using SecretVault.Cli.Output;
using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Commands.Kv;

/// <summary><c>vaultcli kv get [-version=N] [-field=F] PATH</c>: read a secret (the current or a given version).</summary>
public sealed class KvGetCommand : ICommand
{
    public string Name => "kv get";

    public string Synopsis => "Retrieve data from the KV store";

    public string Help => $"""
        Usage: vaultcli kv get [options] PATH

          Reads the secret at PATH; on KV version 2, its current version or -version.

        {KvFlags.MountHelp}
          -version=N          The version to read (KV v2).
          -field=NAME         Print only this field of the secret.
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = KvFlags.Values("version", "field");

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "reading", async () =>
    {
        var target = await KvTarget.ResolveAsync(context, ct).ConfigureAwait(false);
        var version = context.Arguments.Get("version");
        if (version is not null && !target.IsV2)
        {
            throw new CliUsageException("-version is only supported on KV version 2");
        }

        var envelope = await context.Client.ReadAsync(target.DataPath + (version is null ? "" : "?version=" + Uri.EscapeDataString(version)), ct).ConfigureAwait(false);
        if (envelope?.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            await context.Error.WriteLineAsync($"No value found at {target.DataPath}").ConfigureAwait(false);
            return 2;
        }

        var secret = target.IsV2 ? data.GetProperty("data") : data;
        if (context.Arguments.Get("field") is { } field)
        {
            if (secret.ValueKind != JsonValueKind.Object || !secret.TryGetProperty(field, out var value))
            {
                throw new CliUsageException($"field \"{field}\" not present in secret");
            }

            await context.Out.WriteLineAsync(KeyValueArguments.Display(value)).ConfigureAwait(false);
            return 0;
        }

        if (context.Structured)
        {
            KvPrinter.Json(context, envelope);
            return 0;
        }

        if (!target.IsV2)
        {
            EnvelopePrinter.Print(context, envelope);
            return 0;
        }

        KvPrinter.SecretPath(context, target.DataPath);
        KvPrinter.Heading(context, "Metadata");
        KvPrinter.Table(context, data.GetProperty("metadata"));
        if (secret.ValueKind == JsonValueKind.Object)
        {
            await context.Out.WriteLineAsync().ConfigureAwait(false);
            KvPrinter.Heading(context, "Data");
            KvPrinter.Table(context, secret);
        }

        KvPrinter.Warnings(context, envelope);
        return 0;
    });
}
