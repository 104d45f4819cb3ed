using System.Text.Json;

namespace SecretVault.Cli.Commands;

/// <summary>Prints <c>sys/mounts</c> or <c>sys/auth</c> as <c>secrets list</c> / <c>auth list</c> do.</summary>
public static class MountTable
{
    public static async Task<int> PrintAsync(CommandContext context, string path, CancellationToken ct)
    {
        var envelope = await context.Client.ReadAsync(path, ct).ConfigureAwait(false);
        if (envelope?.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            return 2;
        }

        if (context.Format == "json")
        {
            context.Printer.Json(data);
            return 0;
        }

        var rows = data.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (IReadOnlyList<string>)[p.Name, Text(p.Value, "type"), Text(p.Value, "accessor"), Text(p.Value, "description")])
            .ToList();
        context.Printer.Columns(["Path", "Type", "Accessor", "Description"], rows);
        return 0;
    }

    /// <summary>Normalizes a mount path the way the vault CLI sends it: trailing slash, no leading slash.</summary>
    public static string Normalize(string path) => path.Trim('/') + "/";

    private static string Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
}
