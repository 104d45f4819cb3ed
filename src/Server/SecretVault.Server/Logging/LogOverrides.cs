using SecretVault.Server.Configuration;

namespace SecretVault.Server.Logging;

/// <summary>
/// The log settings an operator gives outside the file, as Vault ranks them: the <c>-log-level</c> and
/// <c>-log-format</c> flags, then VAULT_LOG_LEVEL and VAULT_LOG_FORMAT, then the file's <c>log_level</c> and
/// <c>log_format</c>.
/// </summary>
public static class LogOverrides
{
    /// <summary><paramref name="config"/> with the flags' or the environment's settings applied; a bad value is a <see cref="ConfigException"/> naming its source.</summary>
    public static ServerConfig Apply(ServerConfig config, string? levelFlag, string? formatFlag, Func<string, string?> environment)
    {
        var (level, levelSource) = Pick(levelFlag, "-log-level", environment("VAULT_LOG_LEVEL"), "VAULT_LOG_LEVEL");
        var (format, formatSource) = Pick(formatFlag, "-log-format", environment("VAULT_LOG_FORMAT"), "VAULT_LOG_FORMAT");
        if (level is not null && LogLevels.Parse(level) is null)
        {
            throw new ConfigException($"invalid value for {levelSource}: \"{level}\": expected one of {string.Join(", ", LogLevels.Names)}");
        }

        return config with
        {
            LogLevel = level?.Trim().ToLowerInvariant() ?? config.LogLevel,
            LogFormat = format is null ? config.LogFormat : LogFormats.Check(format, formatSource!),
        };
    }

    private static (string? Value, string? Source) Pick(string? flag, string flagName, string? variable, string variableName) =>
        !string.IsNullOrWhiteSpace(flag) ? (flag, flagName)
        : !string.IsNullOrWhiteSpace(variable) ? (variable, variableName)
        : (null, null);
}
