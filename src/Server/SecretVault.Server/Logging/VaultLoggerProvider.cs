using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SecretVault.Server.Logging;

/// <summary>Loggers that format with <see cref="VaultLogFormatter"/> and write to a <see cref="LogSink"/>.</summary>
public sealed class VaultLoggerProvider : ILoggerProvider
{
    private readonly VaultLogFormatter _formatter;
    private readonly LogSink _sink;

    public VaultLoggerProvider(VaultLogFormatter formatter, LogSink sink)
    {
        _formatter = formatter;
        _sink = sink;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, VaultLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The level is filtered by the logging rules (LogLevelSwitch); this provider writes whatever reaches it.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            using var line = new StringWriter();
            provider._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, line);
            if (line.GetStringBuilder().Length > 0)
            {
                provider._sink.Write(line.ToString());
            }
        }
    }
}
