using System.Text;
using SecretVault.Cli.Parsing;

namespace SecretVault.Cli;

/// <summary>Entry point of vaultcli: find the command, parse the common and command flags, run.</summary>
public static class CliApp
{
    private static readonly HashSet<string> CommonFlags = ["address", "format", "tls-skip-verify", "wrap-ttl", "h", "help"];
    private static readonly HashSet<string> CommonBooleans = ["tls-skip-verify", "h", "help"];

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CommandRegistry? registry = null, CancellationToken ct = default)
    {
        registry ??= CommandRegistry.Default;
        var (command, rest) = registry.Find(args);
        if (command is null)
        {
            await environment.Error.WriteLineAsync(Usage(registry)).ConfigureAwait(false);
            return args.Length == 0 || args[0] is "-h" or "-help" or "--help" ? 0 : 1;
        }

        ParsedArguments arguments;
        try
        {
            arguments = ParsedArguments.Parse(rest, new HashSet<string>(CommonBooleans.Concat(command.BooleanFlags)));
            if (arguments.GetBool("h") || arguments.GetBool("help"))
            {
                await environment.Out.WriteLineAsync(command.Help).ConfigureAwait(false);
                return 0;
            }

            var unknown = arguments.Names.FirstOrDefault(n => !CommonFlags.Contains(n) && !IsCommandFlag(command, n));
            if (unknown is not null)
            {
                throw new CliUsageException($"flag provided but not defined: -{unknown}");
            }

            return await command.RunAsync(new CommandContext(arguments, environment), ct).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            await environment.Error.WriteLineAsync($"{ex.Message}\n\n{command.Help}").ConfigureAwait(false);
            return 1;
        }
        catch (ArgumentException ex)
        {
            await environment.Error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await environment.Error.WriteLineAsync($"Error: cannot reach the server: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static bool IsCommandFlag(ICommand command, string name) => command.BooleanFlags.Contains(name) || command.ValueFlags.Contains(name);

    private static string Usage(CommandRegistry registry)
    {
        var text = new StringBuilder("Usage: vaultcli <command> [args]\n\nCommands:\n");
        foreach (var command in registry.Commands)
        {
            text.Append("    ").Append(command.Name.PadRight(22)).AppendLine(command.Synopsis);
        }

        return text.Append("\nCommon flags: -address=URL (or VAULT_ADDR), -format=table|json, -tls-skip-verify, -wrap-ttl=DURATION (or VAULT_WRAP_TTL)").ToString();
    }
}
