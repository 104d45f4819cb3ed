using System.Text.Json;
using SecretVault.Cli.Output;
using SecretVault.Cli.Parsing;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Commands.Kv;

/// <summary>Prints KV results as <c>vault kv</c> does: a heading per section over a Key/Value table.</summary>
internal static class KvPrinter
{
    public static void Heading(CommandContext context, string title) => context.Out.WriteLine($"{new string('=', 7)} {title} {new string('=', 7)}");

    /// <summary>The "Secret Path" heading and the path, then the version metadata of a v2 write or read.</summary>
    public static void SecretPath(CommandContext context, string path)
    {
        context.Out.WriteLine("== Secret Path ==");
        context.Out.WriteLine(path);
        context.Out.WriteLine();
    }

    /// <summary>An object's members as a Key/Value table, sorted, "n/a" for an empty time as vault prints it.</summary>
    public static void Table(CommandContext context, JsonElement values)
    {
        var rows = values.ValueKind == JsonValueKind.Object
            ? values.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => (p.Name, p.Name.EndsWith("_time", StringComparison.Ordinal) && p.Value.GetString() == "" ? "n/a" : KeyValueArguments.Display(p.Value)))
                .ToList()
            : [];
        context.Printer.Table(rows);
    }

    /// <summary>Prints <paramref name="envelope"/> whole as JSON (for <c>-format=json</c>).</summary>
    public static void Json(CommandContext context, SecretEnvelope envelope) => context.Printer.Json(envelope);

    public static void Warnings(CommandContext context, SecretEnvelope envelope)
    {
        foreach (var warning in envelope.Warnings ?? [])
        {
            context.Error.WriteLine($"WARNING! {warning}");
        }
    }
}
