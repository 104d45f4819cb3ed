using System.Text.Json;

namespace SecretVault.Cli.Commands.Token;

/// <summary><c>vaultcli token capabilities [TOKEN] PATH</c>.</summary>
public sealed class TokenCapabilitiesCommand : ICommand
{
    public string Name => "token capabilities";

    public string Synopsis => "Print capabilities of a token on a path";

    public string Help => "Usage: vaultcli token capabilities [options] [TOKEN] PATH\n\n  Prints the capabilities of the token (or the one in use) on PATH.";

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "checking capabilities", async () =>
    {
        var args = context.Arguments.Positional;
        var envelope = args.Count switch
        {
            1 => await context.Client.WriteAsync("sys/capabilities-self", new { paths = new[] { args[0] } }, ct: ct).ConfigureAwait(false),
            2 => await context.Client.WriteAsync("sys/capabilities", new { token = args[0], paths = new[] { args[1] } }, ct: ct).ConfigureAwait(false),
            _ => throw new Parsing.CliUsageException("expected [TOKEN] PATH"),
        };
        var capabilities = envelope?.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } data
            && data.TryGetProperty("capabilities", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array
            ? list.EnumerateArray().Select(c => c.ToString()).ToList()
            : throw new Parsing.CliFailureException("Error checking capabilities: the server answered no capabilities", 2);
        if (context.Structured)
        {
            context.Printer.Json(capabilities);
        }
        else
        {
            await context.Out.WriteLineAsync(string.Join(", ", capabilities)).ConfigureAwait(false);
        }

        return 0;
    });
}
