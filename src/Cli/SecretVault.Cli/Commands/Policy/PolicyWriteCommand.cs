using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Commands.Policy;

/// <summary><c>vaultcli policy write NAME FILE|-</c>.</summary>
public sealed class PolicyWriteCommand : ICommand
{
    public string Name => "policy write";

    public string Synopsis => "Upload a policy from a file";

    public string Help => "Usage: vaultcli policy write [options] NAME PATH\n\n  Uploads the policy in the file PATH (or - for standard input) as NAME.";

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "uploading policy", async () =>
    {
        if (context.Arguments.Positional.Count != 2)
        {
            throw new CliUsageException("expected NAME and PATH (a file, or - for standard input)");
        }

        // vault reads the file before it contacts the server, and answers a missing one with exit 2.
        var (name, source) = (context.Arguments.Positional[0], context.Arguments.Positional[1]);
        var text = source == "-" ? context.Environment.ReadAllInput() : LocalFile.ReadAllText(source, "Error opening policy file", 2);
        await context.Client.WriteAsync("sys/policies/acl/" + name, new { policy = text }, ct: ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Uploaded policy: {name}").ConfigureAwait(false);
        return 0;
    });
}
