using Microsoft.Extensions.Logging;
using SecretVault.Server.Configuration;

namespace SecretVault.Server.Logging;

/// <summary>
/// The server's logging as the configuration asks (<c>log_level</c>, <c>log_format</c>, <c>log_file</c>): Vault's
/// line format on standard error, ASP.NET's own chatter below warnings dropped, and a level that SIGHUP can change.
/// </summary>
public sealed class ServerLog : IDisposable
{
    private readonly LogSink _sink;
    private volatile int _level;

    /// <param name="config">The log settings.</param>
    /// <param name="console">Where lines go (standard error).</param>
    /// <param name="gated">Hold lines until <see cref="Open"/> (the server command opens after its banner).</param>
    public ServerLog(ServerConfig config, TextWriter console, bool gated)
    {
        _sink = new LogSink(console, config.LogFile is null ? null : FilePath(config.LogFile), gated);
        Provider = new VaultLoggerProvider(new VaultLogFormatter(config.LogFormat == "json", TimeProvider.System), _sink);
        Level = LogLevels.Parse(config.LogLevel) ?? LogLevel.Information;
    }

    /// <summary>The provider to add to the host's logging.</summary>
    public ILoggerProvider Provider { get; }

    /// <summary>The least level written; changed on reload.</summary>
    public LogLevel Level
    {
        get => (LogLevel)_level;
        set => _level = (int)value;
    }

    /// <summary>Whether an entry of <paramref name="category"/> at <paramref name="level"/> is written.</summary>
    public bool Filter(string? category, LogLevel level) =>
        level >= Level && level != LogLevel.None
        // ASP.NET's information lines (hosting, routing, each request) are noise to an operator.
        && (level >= LogLevel.Warning || category is null || !category.StartsWith("Microsoft", StringComparison.Ordinal));

    /// <summary>Writes the held lines and lets later ones through.</summary>
    public void Open() => _sink.Open();

    /// <inheritdoc />
    public void Dispose() => _sink.Dispose();

    /// <summary>
    /// The file that <c>log_file</c> names, as Vault reads it: a path ending in a separator is a folder holding
    /// <c>vault.log</c>, and a name without an extension gets <c>.log</c>.
    /// </summary>
    public static string FilePath(string logFile)
    {
        if (logFile.EndsWith('/') || logFile.EndsWith(Path.DirectorySeparatorChar))
        {
            return Path.Combine(logFile, "vault.log");
        }

        return Path.HasExtension(logFile) ? logFile : logFile + ".log";
    }
}
