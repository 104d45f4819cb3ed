using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace SecretVault.Cli.Output;

/// <summary>Prints results as the vault CLI does: a Key/Value table or indented JSON.</summary>
public sealed class Printer
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly TextWriter _out;

    public Printer(TextWriter output, string format)
    {
        _out = output;
        Format = format;
    }

    public string Format { get; }

    /// <summary>Writes rows under a "Key / Value" header, columns separated by four spaces as vault's columnize does.</summary>
    public void Table(IReadOnlyList<(string Key, string Value)> rows)
    {
        var width = Math.Max(3, rows.Count == 0 ? 0 : rows.Max(r => r.Key.Length));
        _out.WriteLine($"{"Key".PadRight(width)}    Value");
        _out.WriteLine($"{"---".PadRight(width)}    -----");
        foreach (var (key, value) in rows)
        {
            _out.WriteLine($"{key.PadRight(width)}    {value}");
        }
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON.</summary>
    public void Json(object? value) => _out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Vault's text for a boolean.</summary>
    public static string Bool(bool value) => value ? "true" : "false";
}
