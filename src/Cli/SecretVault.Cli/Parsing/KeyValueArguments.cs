using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretVault.Cli.Parsing;

/// <summary>
/// The <c>k=v</c> arguments of write-like commands, as the vault CLI reads them: <c>k=@file</c> reads a
/// file, a lone <c>-</c> reads a JSON object from standard input, and <c>k=-</c> reads one value from it.
/// </summary>
public static class KeyValueArguments
{
    public static JsonObject Parse(IEnumerable<string> args, Func<string> readStdin)
    {
        var data = new JsonObject();
        foreach (var arg in args)
        {
            if (arg == "-")
            {
                var parsed = JsonNode.Parse(readStdin()) as JsonObject ?? throw new CliUsageException("standard input must hold a JSON object");
                foreach (var (name, node) in parsed.ToList())
                {
                    parsed.Remove(name);
                    data[name] = node;
                }

                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliUsageException($"invalid key/value pair \"{arg}\": expected key=value");
            }

            var key = arg[..eq];
            var value = arg[(eq + 1)..];
            data[key] = value switch
            {
                "-" => readStdin().TrimEnd('\n', '\r'),
                _ when value.StartsWith('@') => LocalFile.ReadAllText(value[1..], "Failed to parse K=V data", 1),
                _ => value,
            };
        }

        return data;
    }

    /// <summary>Formats a JSON value the way the vault CLI prints table cells.</summary>
    public static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "<nil>",
        JsonValueKind.Array => "[" + string.Join(" ", value.EnumerateArray().Select(Display)) + "]",
        JsonValueKind.Object => "map[" + string.Join(" ", value.EnumerateObject().Select(p => $"{p.Name}:{Display(p.Value)}")) + "]",
        _ => value.GetRawText(),
    };
}
