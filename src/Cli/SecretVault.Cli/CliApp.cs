using SecretVault.Cli.Parsing;
using SecretVault.Client;

namespace SecretVault.Cli;

/// <summary>Entry point of vaultcli: find the command, parse the common and command flags, run.</summary>
public static class CliApp
{
    /// <summary>The exit code of an unknown command, as vault's (mitchellh/cli's usage code).</summary>
    public const int UnknownCommandExitCode = 127;

    private static readonly HashSet<string> CommonFlags =
    [
        "address", "format", "tls-skip-verify", "wrap-ttl", "ca-cert", "ca-path", "client-cert", "client-key", "tls-server-name",
        "output-curl-string", "h", "help",
    ];

    private static readonly HashSet<string> CommonBooleans = ["tls-skip-verify", "output-curl-string", "h", "help"];

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CommandRegistry? registry = null, CancellationToken ct = default)
    {
        registry ??= CommandRegistry.Default;
        if (args is ["-v" or "-version" or "--version"])
        {
            args = ["version"];
        }

        var (command, rest) = registry.Find(args);
        if (command is null)
        {
            return await UsageText.WriteForAsync(registry, args, environment).ConfigureAwait(false);
        }

        try
        {
            var arguments = ParsedArguments.Parse(rest, new HashSet<string>(CommonBooleans.Concat(command.BooleanFlags)));
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
        catch (CliFailureException ex)
        {
            await environment.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (CurlStringException ex)
        {
            await environment.Out.WriteLineAsync(ex.Command).ConfigureAwait(false);
            return 0;
        }
        catch (ArgumentException ex)
        {
            await environment.Error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await environment.Error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or FormatException
            or InvalidOperationException or KeyNotFoundException or System.Security.Cryptography.CryptographicException)
        {
            // vault never prints a stack trace: an unreadable file or an answer of an unexpected shape is one line.
            await environment.Error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static bool IsCommandFlag(ICommand command, string name) => command.BooleanFlags.Contains(name) || command.ValueFlags.Contains(name);
}
