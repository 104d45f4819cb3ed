using System.Globalization;
using System.Text.Json;
using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Commands;

/// <summary>Prints <c>sys/mounts</c> or <c>sys/auth</c> as <c>secrets list</c> / <c>auth list</c> do, with <c>-detailed</c>'s columns.</summary>
public static class MountTable
{
    private static readonly string[] DetailedTail =
        ["Replication", "Seal Wrap", "External Entropy Access", "Options", "Description", "UUID", "Version", "Running Version", "Running SHA256", "Deprecation Status"];

    /// <summary>Prints the mounts at <paramref name="path"/>; <paramref name="auth"/> selects auth list's columns (Version, Token Type).</summary>
    public static async Task<int> PrintAsync(CommandContext context, string path, bool auth, CancellationToken ct)
    {
        if (context.Arguments.Positional.Count > 0)
        {
            throw new CliUsageException($"Too many arguments (expected 0, got {context.Arguments.Positional.Count})");
        }

        var envelope = await context.Client.ReadAsync(path, ct).ConfigureAwait(false);
        if (envelope?.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            return 2;
        }

        if (context.Structured)
        {
            context.Printer.Json(data);
            return 0;
        }

        var mounts = data.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        if (context.Arguments.GetBool("detailed"))
        {
            var rows = mounts.Select(p => (IReadOnlyList<string>)Detailed(p.Name, p.Value, auth)).ToList();
            context.Printer.Columns(["Path", "Plugin", "Accessor", "Default TTL", "Max TTL", auth ? "Token Type" : "Force No Cache", .. DetailedTail], rows);
            return 0;
        }

        var simple = mounts
            .Select(p => (IReadOnlyList<string>)(auth
                ? [p.Name, Text(p.Value, "type"), Text(p.Value, "accessor"), Text(p.Value, "description"), Text(p.Value, "plugin_version")]
                : [p.Name, Text(p.Value, "type"), Text(p.Value, "accessor"), Text(p.Value, "description")]))
            .ToList();
        context.Printer.Columns(auth ? ["Path", "Type", "Accessor", "Description", "Version"] : ["Path", "Type", "Accessor", "Description"], simple);
        return 0;
    }

    /// <summary>Normalizes a mount path the way the vault CLI sends it: trailing slash, no leading slash.</summary>
    public static string Normalize(string path) => path.Trim('/') + "/";

    private static string[] Detailed(string path, JsonElement mount, bool auth)
    {
        var type = Text(mount, "type");
        var config = mount.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return
        [
            path,
            type,
            Text(mount, "accessor"),
            Ttl(type, config, "default_lease_ttl"),
            Ttl(type, config, "max_lease_ttl"),
            auth ? Text(config, "token_type") : Flag(config, "force_no_cache"),
            Flag(mount, "local") == "true" ? "local" : "replicated",
            Flag(mount, "seal_wrap"),
            Flag(mount, "external_entropy_access"),
            mount.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Object ? KeyValueArguments.Display(options) : "map[]",
            Text(mount, "description"),
            Text(mount, "uuid"),
            Text(mount, "plugin_version"),
            Text(mount, "running_plugin_version"),
            Text(mount, "running_sha256"),
            Text(mount, "deprecation_status"),
        ];
    }

    /// <summary>vault's TTL cell: seconds as a number, "system" for the default, nothing for system and cubbyhole.</summary>
    private static string Ttl(string type, JsonElement config, string name)
    {
        if (type is "system" or "cubbyhole")
        {
            return "";
        }

        var seconds = config.ValueKind == JsonValueKind.Object && config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : 0;
        return seconds == 0 ? "system" : seconds.ToString(CultureInfo.InvariantCulture);
    }

    private static string Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True ? "true" : "false";

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
