using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using SecretVault.Sdk.Json;

namespace SecretVault.Server.Logging;

/// <summary>
/// Writes a log entry as Vault's logger (hclog) does. <c>standard</c>:
/// <c>2026-01-02T03:04:05.678Z [INFO]  core: vault is unsealed</c>; <c>json</c>: one object per line with
/// <c>@level</c>, <c>@message</c>, <c>@module</c> and <c>@timestamp</c>. No .NET category is written: the module is
/// the message's own <c>module:</c> prefix (every message of ours has one), <c>http</c> for ASP.NET's.
/// An exception is named by its type only, since its message may carry request data.
/// </summary>
public sealed class VaultLogFormatter : ConsoleFormatter
{
    private readonly bool _json;
    private readonly TimeProvider _time;

    public VaultLogFormatter(bool json, TimeProvider time)
        : base(json ? "vault-json" : "vault-standard")
    {
        _json = json;
        _time = time;
    }

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var text = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(text) && logEntry.Exception is null)
        {
            return;
        }

        var (module, message) = Split(logEntry.Category, text);
        var error = logEntry.Exception?.GetType().Name;
        var now = _time.GetUtcNow();
        if (_json)
        {
            textWriter.Write(Json(logEntry.LogLevel, module, message, error, now));
        }
        else
        {
            var level = Label(logEntry.LogLevel);
            textWriter.Write(string.Create(CultureInfo.InvariantCulture, $"{now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} [{level}]{new string(' ', 6 - level.Length)}"));
            textWriter.Write(module is null ? message : $"{module}: {message}");
            textWriter.Write(error is null ? "" : $": error={error}");
        }

        textWriter.Write('\n');
    }

    /// <summary>The module (the message's <c>word:</c> prefix) and the rest of the message.</summary>
    public static (string? Module, string Message) Split(string category, string text)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && text.AsSpan(0, colon).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789._-") < 0)
        {
            return (text[..colon], text[(colon + 2)..]);
        }

        return (category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ? "http" : null, text);
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        _ => "ERROR",
    };

    private static string Json(LogLevel level, string? module, string message, string? error, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, VaultJson.WriterOptions))
        {
            // hclog writes the keys sorted, as Go's maps are.
            writer.WriteStartObject();
            writer.WriteString("@level", LogLevels.Name(level));
            writer.WriteString("@message", message);
            if (module is not null)
            {
                writer.WriteString("@module", module);
            }

            writer.WriteString("@timestamp", now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            if (error is not null)
            {
                writer.WriteString("error", error);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
