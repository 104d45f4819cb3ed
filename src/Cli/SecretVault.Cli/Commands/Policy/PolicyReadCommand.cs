using System.Text.Json;

namespace SecretVault.Cli.Commands.Policy;

/// <summary><c>vaultcli policy read NAME</c>: prints the policy text.</summary>
public sealed class PolicyReadCommand : ICommand
{
    public string Name => "policy read";

    public string Synopsis => "Print the contents of a policy";

    public string Help => "Usage: vaultcli policy read [options] NAME\n\n  Prints the text of the named ACL policy.";

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "reading policy", async () =>
    {
        var name = ApiCall.RequiredArgument(context, "NAME");
        var envelope = await context.Client.ReadAsync("sys/policies/acl/" + name, ct).ConfigureAwait(false);
        if (envelope?.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            await context.Error.WriteLineAsync($"No policy named: {name}").ConfigureAwait(false);
            return 2;
        }

        if (context.Structured)
        {
            context.Printer.Json(data);
        }
        else
        {
            await context.Out.WriteLineAsync(data.GetProperty("policy").GetString()).ConfigureAwait(false);
        }

        return 0;
    });
}
