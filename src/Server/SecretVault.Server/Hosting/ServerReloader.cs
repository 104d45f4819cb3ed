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
    private readonly IReadOnlyList<ServerCertificate?> _certificates;
    private readonly ServerLog _log;
    private readonly ILogger<ServerReloader> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ServerReloader(IReadOnlyList<ServerCertificate?> certificates, ServerLog log, ILogger<ServerReloader> logger)
    {
        _certificates = certificates;
        _log = log;
        _logger = logger;
    }

    /// <summary>Applies <paramref name="next"/>; reloads run one at a time.</summary>
    public async Task ReloadAsync(ServerConfig next, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Listeners are matched by position; a reload cannot add or remove listeners (Vault's cannot either).
            var listeners = next.Listeners.ToList();
            for (var index = 0; index < Math.Min(_certificates.Count, listeners.Count); index++)
            {
                ReloadCertificate(_certificates[index], listeners[index]);
            }

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

    private void ReloadCertificate(ServerCertificate? certificate, ListenerConfig listener)
    {
        if (certificate is null || listener.TlsDisable)
        {
            return;
        }

        try
        {
            var next = ListenerCertificate.Load(listener);
            certificate.Replace(next);
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
