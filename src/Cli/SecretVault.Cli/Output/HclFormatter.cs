using System.Text;
using System.Text.RegularExpressions;

namespace SecretVault.Cli.Output;

/// <summary>
/// A small layout formatter for policy files: indents two spaces per open block, puts one space around
/// '=', trims trailing space and collapses blank runs. It does not validate the policy; the server does.
/// </summary>
public static partial class HclFormatter
{
    /// <summary>The formatted text, or null when braces or brackets do not balance.</summary>
    public static string? Format(string text)
    {
        var output = new StringBuilder();
        var depth = 0;
        var blank = false;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (!blank && output.Length > 0)
                {
                    output.Append('\n');
                }

                blank = true;
                continue;
            }

            blank = false;
            var code = StripStrings(line);
            var closesFirst = line.StartsWith('}') || line.StartsWith(']');
            var indent = Math.Max(0, depth - (closesFirst ? 1 : 0));
            if (!line.StartsWith('#') && !line.StartsWith("//", StringComparison.Ordinal))
            {
                line = OpeningBrace().Replace(Assignment().Replace(line, " = ", 1), " {");
                depth += code.Count(c => c is '{' or '[') - code.Count(c => c is '}' or ']');
            }

            if (depth < 0)
            {
                return null;
            }

            output.Append(new string(' ', indent * 2)).Append(line).Append('\n');
        }

        return depth == 0 ? output.ToString().TrimEnd('\n') + "\n" : null;
    }

    private static string StripStrings(string line) => Strings().Replace(line, "\"\"");

    [GeneratedRegex("\\s*\\{$")]
    private static partial Regex OpeningBrace();

    [GeneratedRegex("\\s*=\\s*")]
    private static partial Regex Assignment();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();
}
