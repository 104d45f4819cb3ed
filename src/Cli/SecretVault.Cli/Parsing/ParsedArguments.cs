namespace SecretVault.Cli.Parsing;

/// <summary>Flags and positional arguments of one command line, vault style.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _flags;
    private readonly Dictionary<string, List<string>> _all;

    private ParsedArguments(Dictionary<string, string> flags, Dictionary<string, List<string>> all, List<string> positional)
    {
        _flags = flags;
        _all = all;
        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>
    /// Parses <c>-flag=value</c>, <c>--flag=value</c>, <c>-flag value</c> and boolean <c>-flag</c>.
    /// <paramref name="booleanFlags"/> never take the next argument as their value.
    /// A lone <c>-</c> is positional (standard input), and <c>--</c> ends flag parsing.
    /// </summary>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> booleanFlags)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positional = new List<string>();
        void Set(string name, string value)
        {
            flags[name] = value;
            (all.TryGetValue(name, out var list) ? list : all[name] = []).Add(value);
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                positional.Add(arg);
                continue;
            }

            var body = arg.TrimStart('-');
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                Set(body[..eq], body[(eq + 1)..]);
            }
            else if (booleanFlags.Contains(body))
            {
                Set(body, "true");
            }
            else if (i + 1 < args.Count)
            {
                Set(body, args[++i]);
            }
            else
            {
                throw new CliUsageException($"flag needs an argument: -{body}");
            }
        }

        return new ParsedArguments(flags, all, positional);
    }

    public bool Has(string name) => _flags.ContainsKey(name);

    /// <summary>Every value of a repeatable flag (<c>-policy=a -policy=b</c>), comma lists split.</summary>
    public IReadOnlyList<string> GetAll(string name) =>
        _all.TryGetValue(name, out var values) ? [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))] : [];

    public string? Get(string name) => _flags.GetValueOrDefault(name);

    public IEnumerable<string> Names => _flags.Keys;

    public bool GetBool(string name) => _flags.TryGetValue(name, out var value) && value is "true" or "1" or "t" or "T" or "TRUE" or "True";

    public int GetInt(string name, int fallback)
    {
        if (!_flags.TryGetValue(name, out var value))
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new CliUsageException($"invalid value \"{value}\" for flag -{name}: expected a number");
    }
}
