using Microsoft.Extensions.Logging;

namespace SecretVault.Server.Logging;

/// <summary>Vault's log level names (<c>trace</c> to <c>error</c>, <c>warning</c> for <c>warn</c>, and <c>off</c>).</summary>
public static class LogLevels
{
    /// <summary>The names accepted in <c>log_level</c>, <c>-log-level</c> and VAULT_LOG_LEVEL.</summary>
    public static IReadOnlyList<string> Names { get; } = ["trace", "debug", "info", "warn", "warning", "error", "off"];

    /// <summary>The level named <paramref name="name"/> (case-insensitive); null for a name Vault does not know.</summary>
    public static LogLevel? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" or "err" => LogLevel.Error,
        "off" => LogLevel.None,
        _ => null,
    };

    /// <summary>Vault's name of <paramref name="level"/>.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.None => "off",
        _ => "error",
    };
}
