using System.Text.Json;

namespace SecretVault.Cli.Commands.Policy;

/// <summary><c>vaultcli policy list</c>: one policy name per line.</summary>
public sealed class PolicyListCommand : ICommand
{
    public string Name => "policy list";

    public string Synopsis => "List the installed policies";

    public string Help => "Usage: vaultcli policy list [options]\n\n  Lists the names of the ACL policies.";

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "listing policies", async () =>
    {
        var envelope = await context.Client.ListAsync("sys/policies/acl", ct).ConfigureAwait(false);
        var keys = envelope?.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("keys", out var k) ? k.EnumerateArray().Select(e => e.GetString()).ToList() : [];
        if (context.Structured)
        {
            context.Printer.Json(keys);
            return 0;
        }

        foreach (var key in keys)
        {
            await context.Out.WriteLineAsync(key).ConfigureAwait(false);
        }

        return 0;
    });
}
