namespace SecretVault.Server.Logging;

/// <summary>
/// Where formatted log lines go: the console and, with <c>log_file</c>, a file. While gated it holds the lines back,
/// so that the start-up banner is not interleaved with them (as Vault's gated writer); <see cref="Open"/> writes
/// what was held and lets later lines through. Lines are written whole, one at a time.
/// </summary>
public sealed class LogSink : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TextWriter _console;
    private readonly StreamWriter? _file;
    private List<string>? _held;

    /// <param name="console">Standard error of the server, as Vault writes its log there.</param>
    /// <param name="filePath">The <c>log_file</c>, appended to; null for none.</param>
    /// <param name="gated">Whether to hold lines until <see cref="Open"/>.</param>
    public LogSink(TextWriter console, string? filePath, bool gated)
    {
        _console = console;
        _file = filePath is null ? null : new StreamWriter(new FileStream(filePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _held = gated ? [] : null;
    }

    /// <summary>Writes one formatted line (held while gated).</summary>
    public void Write(string line)
    {
        lock (_lock)
        {
            if (_held is not null)
            {
                _held.Add(line);
                return;
            }

            WriteNow(line);
        }
    }

    /// <summary>Writes the held lines and stops holding.</summary>
    public void Open()
    {
        lock (_lock)
        {
            foreach (var line in _held ?? [])
            {
                WriteNow(line);
            }

            _held = null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _file?.Dispose();
        }
    }

    private void WriteNow(string line)
    {
        _console.Write(line);
        _console.Flush();
        _file?.Write(line);
    }
}
