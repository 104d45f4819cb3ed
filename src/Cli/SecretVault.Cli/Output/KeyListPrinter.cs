using System.Text.Json;

namespace SecretVault.Cli.Output;

/// <summary>Prints a LIST answer as vault does: "Keys", a rule, one key per line (or the keys as JSON).</summary>
public static class KeyListPrinter
{
    /// <summary>Prints the keys; returns false when the answer holds none (the caller reports "No value found").</summary>
    public static bool TryPrint(CommandContext context, Client.Models.SecretEnvelope? envelope)
    {
        if (envelope?.Data is not { ValueKind: JsonValueKind.Object } data || !data.TryGetProperty("keys", out var keys))
        {
            return false;
        }

        if (context.Structured)
        {
            context.Printer.Json(keys);
            return true;
        }

        context.Out.WriteLine("Keys\n----");
        foreach (var key in keys.EnumerateArray())
        {
            context.Out.WriteLine(key.GetString());
        }

        return true;
    }
}
