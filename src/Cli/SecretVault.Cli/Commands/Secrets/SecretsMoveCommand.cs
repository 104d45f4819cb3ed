using System.Text.Json;

namespace SecretVault.Cli.Commands.Secrets;

/// <summary><c>vaultcli secrets move SOURCE DESTINATION</c>.</summary>
public sealed class SecretsMoveCommand : ICommand
{
    public string Name => "secrets move";

    public string Synopsis => "Move a secrets engine to a new path";

    public string Help => """
        Usage: vaultcli secrets move [options] SOURCE DESTINATION

          Moves a mounted secrets engine; its data moves with it.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "moving secrets engine", async () =>
    {
        if (context.Arguments.Positional.Count != 2)
        {
            throw new Parsing.CliUsageException("expected SOURCE and DESTINATION");
        }

        var from = MountTable.Normalize(context.Arguments.Positional[0]);
        var to = MountTable.Normalize(context.Arguments.Positional[1]);
        var envelope = await context.Client.WriteAsync("sys/remount", new { from, to }, HttpMethod.Post, ct).ConfigureAwait(false);
        var id = envelope?.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("migration_id", out var m) ? m.GetString() : "";
        await context.Out.WriteLineAsync($"Success! Finished moving secrets engine {from} to {to}, with migration ID {id}").ConfigureAwait(false);
        return 0;
    });
}
