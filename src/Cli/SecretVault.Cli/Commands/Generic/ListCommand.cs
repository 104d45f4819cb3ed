using System.Text.Json;

namespace SecretVault.Cli.Commands.Generic;

/// <summary><c>vaultcli list PATH</c>: the keys under a path, one per line under a "Keys" header.</summary>
public sealed class ListCommand : ICommand
{
    public string Name => "list";

    public string Synopsis => "List data or secrets";

    public string Help => """
        Usage: vaultcli list [options] PATH

          Lists the keys under the given path (GET ?list=true).
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "listing", async () =>
    {
        var path = ApiCall.RequiredArgument(context, "PATH");
        var envelope = await context.Client.ListAsync(path, ct).ConfigureAwait(false);
        if (envelope?.Data is not { ValueKind: JsonValueKind.Object } data || !data.TryGetProperty("keys", out var keys))
        {
            await context.Error.WriteLineAsync($"No value found at {path}").ConfigureAwait(false);
            return 2;
        }

        if (context.Format == "json")
        {
            context.Printer.Json(keys);
            return 0;
        }

        await context.Out.WriteLineAsync("Keys\n----").ConfigureAwait(false);
        foreach (var key in keys.EnumerateArray())
        {
            await context.Out.WriteLineAsync(key.GetString()).ConfigureAwait(false);
        }

        return 0;
    });
}
