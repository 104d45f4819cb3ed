namespace SecretVault.Cli.Commands.Kv;

/// <summary>The flags every <c>kv</c> command shares.</summary>
internal static class KvFlags
{
    public static HashSet<string> Values(params string[] more) => ["mount", .. more];

    public const string MountHelp = "  -mount=PATH         The KV mount; PATH is then a key inside it.";

    /// <summary>The version numbers of <c>-versions=1,2</c>; a usage error when there are none.</summary>
    public static int[] Versions(CommandContext context)
    {
        var values = context.Arguments.GetAll("versions");
        if (values.Count == 0)
        {
            throw new Parsing.CliUsageException("no versions provided: use -versions=1,2");
        }

        return [.. values.Select(v => int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new Parsing.CliUsageException($"invalid version \"{v}\": expected a positive integer"))];
    }
}
