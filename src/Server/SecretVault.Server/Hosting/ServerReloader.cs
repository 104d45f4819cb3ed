using Microsoft.Extensions.Logging;
using SecretVault.Server.Configuration;
using SecretVault.Server.Logging;

namespace SecretVault.Server.Hosting;

/// <summary>
/// What SIGHUP changes in a running server, as in Vault: the listener's TLS certificate and the log level. A part
/// that fails to load keeps its old value and the log says why; the server serves throughout.
/// </summary>
public sealed partial class ServerReloader
{
    private readonly ServerCertificate? _certificate;
    private readonly ServerLog _log;
    private readonly ILogger<ServerReloader> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ServerReloader(ServerCertificate? certificate, ServerLog log, ILogger<ServerReloader> logger)
    {
        _certificate = certificate;
        _log = log;
        _logger = logger;
    }

    /// <summary>Applies <paramref name="next"/>; reloads run one at a time.</summary>
    public async Task ReloadAsync(ServerConfig next, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ReloadCertificate(next.Listener);
            if (LogLevels.Parse(next.LogLevel) is { } level)
            {
                _log.Level = level;
                LogLevelSet(_logger, LogLevels.Name(level));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Logs that the configuration could not be read, so nothing was changed.</summary>
    public void ReportUnreadable(string reason) => LogConfigUnreadable(_logger, reason);

    private void ReloadCertificate(ListenerConfig listener)
    {
        if (_certificate is null || listener.TlsDisable)
        {
            return;
        }

        try
        {
            var next = ServerCertificate.Load(listener);
            _certificate.Replace(next);
            LogCertificateReloaded(_logger, next.Subject, next.Thumbprint, next.NotAfter.ToUniversalTime());
        }
        catch (ConfigException ex)
        {
            LogCertificateKept(_logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "core: reload: the TLS certificate is now {Subject} (SHA-1 {Thumbprint}, expires {NotAfter:u})")]
    private static partial void LogCertificateReloaded(ILogger logger, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "core: reload: keeping the old TLS certificate: {Reason}")]
    private static partial void LogCertificateKept(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "core: reload: log level is {Level}")]
    private static partial void LogLevelSet(ILogger logger, string level);

    [LoggerMessage(Level = LogLevel.Error, Message = "core: reload failed, nothing changed: {Reason}")]
    private static partial void LogConfigUnreadable(ILogger logger, string reason);
}
