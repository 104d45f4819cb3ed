using System.Text.Json;
using SecretVault.Client;

namespace SecretVault.Cli.Output;

/// <summary>Prints results as the vault CLI does: a Key/Value table or indented JSON.</summary>
public sealed class Printer
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = VaultJsonEncoding.Encoder,
    };

    private readonly TextWriter _out;

    public Printer(TextWriter output, string format)
    {
        _out = output;
        Format = format;
    }

    public string Format { get; }

    /// <summary>Writes rows under a "Key / Value" header, columns separated by four spaces and empty cells as <c>n/a</c>, as vault's columnize does.</summary>
    public void Table(IReadOnlyList<(string Key, string Value)> rows)
    {
        rows = [.. rows.Select(r => (r.Key, Cell(r.Value)))];
        var width = Math.Max(3, rows.Count == 0 ? 0 : rows.Max(r => r.Key.Length));
        _out.WriteLine($"{"Key".PadRight(width)}    Value");
        _out.WriteLine($"{"---".PadRight(width)}    -----");
        foreach (var (key, value) in rows)
        {
            _out.WriteLine($"{key.PadRight(width)}    {value}");
        }
    }

    /// <summary>Writes a table with several columns under dashed headers, as <c>secrets list</c> does.</summary>
    public void Columns(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        rows = [.. rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Cell)])];
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("    ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        _out.WriteLine(Line(headers));
        _out.WriteLine(Line([.. headers.Select(h => new string('-', h.Length))]));
        foreach (var row in rows)
        {
            _out.WriteLine(Line(row));
        }
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON, or as YAML when the format is yaml.</summary>
    public void Json(object? value)
    {
        if (Format == "yaml")
        {
            _out.Write(YamlText.From(JsonSerializer.SerializeToElement(value, JsonOptions)));
            return;
        }

        _out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
    }

    /// <summary>A table cell as columnize prints it: trimmed, <c>n/a</c> when empty.</summary>
    public static string Cell(string value) => string.IsNullOrWhiteSpace(value) ? "n/a" : value.Trim();

    /// <summary>Vault's text for a boolean.</summary>
    public static string Bool(bool value) => value ? "true" : "false";
}
