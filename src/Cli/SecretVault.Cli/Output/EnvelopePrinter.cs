using System.Globalization;
using System.Text.Json;
using SecretVault.Cli.Parsing;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Output;

/// <summary>Prints a logical response as the vault CLI does: lease rows, auth rows, then the data keys sorted.</summary>
public static class EnvelopePrinter
{
    public static void Print(CommandContext context, SecretEnvelope envelope, string? field = null)
    {
        if (field is not null)
        {
            var value = FindField(envelope, field) ?? throw new CliUsageException($"field \"{field}\" not present in secret");
            context.Out.WriteLine(KeyValueArguments.Display(value));
            return;
        }

        if (context.Format == "json")
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
            }

            rows.Add(("lease_duration", Duration(envelope.LeaseDuration)));
            rows.Add(("lease_renewable", Printer.Bool(envelope.Renewable)));
        }

        if (envelope.Auth is { ValueKind: JsonValueKind.Object } auth)
        {
            rows.Add(("token", Text(auth, "client_token")));
            rows.Add(("token_accessor", Text(auth, "accessor")));
            rows.Add(("token_duration", Duration(auth.TryGetProperty("lease_duration", out var d) ? d.GetInt64() : 0)));
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
            rows.AddRange(data.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.Name, KeyValueArguments.Display(p.Value))));
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

    /// <summary>Vault's duration text: <c>768h</c>, <c>1h30m</c>, <c>∞</c> for zero on tokens is not used here.</summary>
    public static string Duration(long seconds)
    {
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
