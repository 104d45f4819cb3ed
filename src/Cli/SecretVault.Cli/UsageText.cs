using System.Text;

namespace SecretVault.Cli;

/// <summary>
/// What vaultcli prints when the words name no command: the command list (exit 0 when asked for), a group's
/// subcommands (<c>kv -h</c> exit 0, bare <c>kv</c> exit 1, as vault's), or an unknown command with a suggestion (exit 127).
/// </summary>
public static class UsageText
{
    private static readonly HashSet<string> HelpWords = ["-h", "-help", "--help"];

    public static async Task<int> WriteForAsync(CommandRegistry registry, string[] args, CliEnvironment environment)
    {
        if (args.Length == 0 || HelpWords.Contains(args[0]))
        {
            await environment.Error.WriteLineAsync(Usage(registry.Commands, "vaultcli <command> [args]")).ConfigureAwait(false);
            return args.Length == 0 ? CliApp.UnknownCommandExitCode : 0;
        }

        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        for (var count = words.Length; count > 0; count--)
        {
            var group = string.Join(' ', words[..count]) + " ";
            var members = registry.Commands.Where(c => c.Name.StartsWith(group, StringComparison.Ordinal)).ToList();
            if (members.Count > 0 && count == words.Length)
            {
                var asked = args.Skip(count).Any(HelpWords.Contains);
                var text = Usage(members, $"vaultcli {group}<subcommand> [options] [args]");
                await (asked ? environment.Out : environment.Error).WriteLineAsync(text).ConfigureAwait(false);
                return asked ? 0 : 1;
            }

            if (members.Count > 0)
            {
                var next = members.Select(m => group + m.Name[group.Length..].Split(' ')[0]).Distinct();
                await environment.Error.WriteLineAsync(Unknown(string.Join(' ', words[..(count + 1)]), next)).ConfigureAwait(false);
                return CliApp.UnknownCommandExitCode;
            }
        }

        var unknown = Unknown(args[0], registry.Commands.Select(c => c.Name.Split(' ')[0]).Distinct());
        await environment.Error.WriteLineAsync($"{unknown}\n\n{Usage(registry.Commands, "vaultcli <command> [args]")}").ConfigureAwait(false);
        return CliApp.UnknownCommandExitCode;
    }

    /// <summary>The commands with their synopses in two columns that never touch.</summary>
    public static string Usage(IEnumerable<ICommand> commands, string usage)
    {
        var list = commands.ToList();
        var width = list.Max(c => c.Name.Length) + 4;
        var text = new StringBuilder($"Usage: {usage}\n\nCommands:\n");
        foreach (var command in list)
        {
            text.Append("    ").Append(command.Name.PadRight(width)).AppendLine(command.Synopsis);
        }

        return text.Append("\nCommon flags: -address=URL (VAULT_ADDR), -format=table|json|yaml (VAULT_FORMAT), -ca-cert=FILE (VAULT_CACERT), ")
            .Append("-ca-path=DIR (VAULT_CAPATH), -client-cert=FILE (VAULT_CLIENT_CERT), -client-key=FILE (VAULT_CLIENT_KEY), ")
            .Append("-tls-server-name=NAME (VAULT_TLS_SERVER_NAME), -tls-skip-verify (VAULT_SKIP_VERIFY), -wrap-ttl=DURATION (VAULT_WRAP_TTL), ")
            .Append("-output-curl-string")
            .ToString();
    }

    private static string Unknown(string words, IEnumerable<string> candidates)
    {
        var last = words.Split(' ')[^1];
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(last, c.Split(' ')[^1])))
            .Where(c => c.Distance <= Math.Max(2, last.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        var hint = best.Name is null ? "" : $" Did you mean \"{best.Name}\"?";
        return $"Unknown command \"{words}\".{hint} Run \"vaultcli -help\" for the list of commands.";
    }

    /// <summary>Levenshtein distance, for the suggestion.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
