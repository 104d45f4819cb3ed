using System.Text;

namespace SecretVault.Server.Configuration;

/// <summary>
/// Bounds on a configuration file before a parser sees it: its size (a symlink to /dev/zero must not fill memory) and
/// the nesting of YAML/JSON flow collections (YamlDotNet recurses per level, and a file of 100,000 '[' overflowed the
/// stack, killing the process with a trace; found by an independent attack). HCL has its own depth bound.
/// </summary>
public static class ConfigText
{
    /// <summary>The largest configuration file read; Vault's are a few kilobytes.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The deepest nesting of <c>[</c> and <c>{</c> accepted, as the HCL parser's.</summary>
    public const int MaxFlowDepth = 64;

    /// <summary>Reads <paramref name="path"/> as UTF-8, refusing more than <see cref="MaxBytes"/>.</summary>
    public static string ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            throw new ConfigException($"the file is larger than {MaxBytes / (1024 * 1024)} MiB");
        }

        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(buffer, 0, length);
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }

    /// <summary>Refuses YAML or JSON whose flow collections nest deeper than <see cref="MaxFlowDepth"/>.</summary>
    /// <remarks>
    /// Quotes count only where a scalar can start (so the apostrophe of <c>it's</c> opens nothing) and comments are
    /// skipped, so brackets cannot be hidden from the count; a bracket inside a quoted string is not counted.
    /// </remarks>
    public static void CheckFlowDepth(string text)
    {
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } open)
            {
                if (c == '\\' && open == '"')
                {
                    i++;
                }
                else if (c == open)
                {
                    quote = null;
                }

                continue;
            }

            var atScalarStart = i == 0 || text[i - 1] is ' ' or '\t' or '\n' or '\r' or '[' or '{' or ',' or ':';
            switch (c)
            {
                case '#' when atScalarStart:
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case '"' or '\'' when atScalarStart:
                    quote = c;
                    break;
                case '[' or '{':
                    depth++;
                    if (depth > MaxFlowDepth)
                    {
                        throw new ConfigException($"nested more than {MaxFlowDepth} levels deep");
                    }

                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
    }
}
