using System.Globalization;
using System.Text.Json;
using SecretVault.Cli.Parsing;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Output;

/// <summary>Prints a logical response as the vault CLI does: lease rows, auth rows, then the data keys sorted.</summary>
public static class EnvelopePrinter
{
    /// <summary>Prints <paramref name="envelope"/>; nothing for none (a 404 without errors), as vault prints a nil secret.</summary>
    public static void Print(CommandContext context, SecretEnvelope? envelope, string? field = null)
    {
        if (envelope is null)
        {
            return;
        }

        if (field is not null)
        {
            var value = FindField(envelope, field) ?? throw new CliUsageException($"field \"{field}\" not present in secret");
            context.Out.WriteLine(KeyValueArguments.Display(value));
            return;
        }

        if (context.Structured)
        {
            context.Printer.Json(envelope);
            return;
        }

        var rows = new List<(string, string)>();
        if (envelope.WrapInfo is { ValueKind: JsonValueKind.Object } wrap)
        {
            rows.Add(("wrapping_token:", Text(wrap, "token")));
            rows.Add(("wrapping_accessor:", Text(wrap, "accessor")));
            rows.Add(("wrapping_token_ttl:", Duration(wrap.TryGetProperty("ttl", out var ttl) ? ttl.GetInt64() : 0)));
            rows.Add(("wrapping_token_creation_time:", Text(wrap, "creation_time")));
            rows.Add(("wrapping_token_creation_path:", Text(wrap, "creation_path")));
            if (wrap.TryGetProperty("wrapped_accessor", out var wrapped) && wrapped.GetString() is { Length: > 0 } accessor)
            {
                rows.Add(("wrapped_accessor:", accessor));
            }
        }

        if (envelope.LeaseDuration > 0)
        {
            if (envelope.LeaseId.Length > 0)
            {
                rows.Add(("lease_id", envelope.LeaseId));
                rows.Add(("lease_duration", Duration(envelope.LeaseDuration)));
                rows.Add(("lease_renewable", Printer.Bool(envelope.Renewable)));
            }
            else
            {
                // A lease without an id is a KV v1 read's: vault calls it the refresh interval.
                rows.Add(("refresh_interval", Duration(envelope.LeaseDuration)));
            }
        }

        if (envelope.Auth is { ValueKind: JsonValueKind.Object } auth)
        {
            rows.Add(("token", Text(auth, "client_token")));
            rows.Add(("token_accessor", Text(auth, "accessor")));
            var tokenSeconds = auth.TryGetProperty("lease_duration", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt64() : 0;
            rows.Add(("token_duration", tokenSeconds == 0 ? "∞" : Duration(tokenSeconds)));
            rows.Add(("token_renewable", Text(auth, "renewable")));
            rows.Add(("token_policies", Text(auth, "token_policies")));
            rows.Add(("identity_policies", "[]"));
            rows.Add(("policies", Text(auth, "policies")));
            if (auth.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            {
                rows.AddRange(metadata.EnumerateObject().Select(p => ($"token_meta_{p.Name}", KeyValueArguments.Display(p.Value))));
            }
        }

        if (envelope.Data is { ValueKind: JsonValueKind.Object } data)
        {
            rows.AddRange(data.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.Name, Cell(p.Name, p.Value))));
        }

        if (rows.Count > 0)
        {
            context.Printer.Table(rows);
        }

        foreach (var warning in envelope.Warnings ?? [])
        {
            context.Error.WriteLine($"WARNING! {warning}");
        }
    }

    /// <summary>A data cell: a whole number under a name that looks like a duration prints as one (<c>ttl 767h59m30s</c>), as vault's.</summary>
    public static string Cell(string name, JsonElement value) =>
        LooksLikeDuration(name) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? Duration(seconds)
            : KeyValueArguments.Display(value);

    /// <summary>vault's test for a duration field: <c>ttl</c>, <c>period</c>, <c>duration</c>, their <c>_</c> suffixes, <c>lease_max</c>, <c>ttl_max</c>.</summary>
    public static bool LooksLikeDuration(string name) =>
        name is "period" or "ttl" or "duration" or "lease_max" or "ttl_max"
        || name.EndsWith("_period", StringComparison.Ordinal)
        || name.EndsWith("_ttl", StringComparison.Ordinal)
        || name.EndsWith("_duration", StringComparison.Ordinal);

    /// <summary>Vault's duration text (Go's without zero units): <c>768h</c>, <c>1h30s</c>, <c>767h59m30s</c>, <c>0s</c>.</summary>
    public static string Duration(long seconds)
    {
        if (seconds < 0)
        {
            return "-" + Duration(-seconds);
        }

        var span = TimeSpan.FromSeconds(seconds);
        var text = "";
        if ((long)span.TotalHours > 0)
        {
            text += ((long)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (span.Minutes > 0)
        {
            text += span.Minutes.ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (span.Seconds > 0 || text.Length == 0)
        {
            text += span.Seconds.ToString(CultureInfo.InvariantCulture) + "s";
        }

        return text;
    }

    private static JsonElement? FindField(SecretEnvelope envelope, string field)
    {
        if (envelope.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(field, out var value))
        {
            return value;
        }

        if (envelope.Auth is { ValueKind: JsonValueKind.Object } auth)
        {
            var name = field switch { "token" => "client_token", "token_accessor" => "accessor", _ => field };
            if (auth.TryGetProperty(name, out var authValue))
            {
                return authValue;
            }
        }

        return null;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? KeyValueArguments.Display(value) : "";
}
