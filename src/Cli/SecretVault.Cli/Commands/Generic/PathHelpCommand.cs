using System.Text.Json;

namespace SecretVault.Cli.Commands.Generic;

/// <summary><c>vaultcli path-help PATH</c>: the server's help text for a path (<c>?help=1</c>).</summary>
public sealed class PathHelpCommand : ICommand
{
    public string Name => "path-help";

    public string Synopsis => "Retrieve API help for paths";

    public string Help => """
        Usage: vaultcli path-help [options] PATH

          Prints the help the server has for a path, for example: vaultcli path-help sys/mounts
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "retrieving help", async () =>
    {
        var path = ApiCall.RequiredArgument(context, "PATH");
        var body = await context.Client.SendRawAsync(HttpMethod.Get, path.TrimEnd('/') + "?help=1", null, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync(body is { ValueKind: JsonValueKind.Object } help && help.TryGetProperty("help", out var text) ? text.GetString() : "").ConfigureAwait(false);
        return 0;
    });
}
