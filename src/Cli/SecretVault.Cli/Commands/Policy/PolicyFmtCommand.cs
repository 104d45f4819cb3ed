using SecretVault.Cli.Output;

namespace SecretVault.Cli.Commands.Policy;

/// <summary><c>vaultcli policy fmt FILE</c>: rewrites a policy file in canonical layout, locally.</summary>
public sealed class PolicyFmtCommand : ICommand
{
    public string Name => "policy fmt";

    public string Synopsis => "Formats a policy on disk";

    public string Help => "Usage: vaultcli policy fmt [options] PATH\n\n  Re-indents the policy file at PATH in place (two spaces per block level, `key = value`).";

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        var path = ApiCall.RequiredArgument(context, "PATH");
        var formatted = HclFormatter.Format(Parsing.LocalFile.ReadAllText(path, "Error reading source file", 1));
        if (formatted is null)
        {
            await context.Error.WriteLineAsync($"Failed to parse policy: unbalanced braces or brackets in {path}").ConfigureAwait(false);
            return 1;
        }

        await File.WriteAllTextAsync(path, formatted, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Formatted policy: {path}").ConfigureAwait(false);
        return 0;
    }
}
