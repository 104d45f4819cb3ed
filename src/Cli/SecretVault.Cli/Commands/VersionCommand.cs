using System.Reflection;

namespace SecretVault.Cli.Commands;

/// <summary><c>vaultcli version</c> (also <c>-version</c>, <c>-v</c>): the CLI's version, as <c>vault version</c> prints it.</summary>
public sealed class VersionCommand : ICommand
{
    public string Name => "version";

    public string Synopsis => "Prints the vaultcli version";

    public string Help => "Usage: vaultcli version\n\n  Prints the version of this CLI. It does not contact the server.";

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        if (context.Arguments.Positional.Count > 0)
        {
            throw new Parsing.CliUsageException($"Too many arguments (expected 0, got {context.Arguments.Positional.Count})");
        }

        var assembly = typeof(VersionCommand).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        await context.Out.WriteLineAsync($"SecretVault vaultcli v{version}").ConfigureAwait(false);
        return 0;
    }
}
