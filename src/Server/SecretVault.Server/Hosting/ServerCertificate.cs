using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecretVault.Server.Configuration;

namespace SecretVault.Server.Hosting;

/// <summary>
/// The listener's TLS certificate, read by Kestrel at each handshake and swapped whole on reload (SIGHUP), so a new
/// certificate serves new connections without a restart.
/// </summary>
public sealed class ServerCertificate
{
    private X509Certificate2 _current;

    public ServerCertificate(X509Certificate2 initial)
    {
        _current = initial;
    }

    /// <summary>The certificate new connections get.</summary>
    public X509Certificate2 Current => Volatile.Read(ref _current);

    /// <summary>Serves <paramref name="next"/> from now on. The old one is not disposed: handshakes under way may hold it.</summary>
    public void Replace(X509Certificate2 next) => Volatile.Write(ref _current, next);

    /// <summary>Reads <c>tls_cert_file</c> and <c>tls_key_file</c>; a missing, unreadable or mismatched pair is a <see cref="ConfigException"/> naming them.</summary>
    public static X509Certificate2 Load(ListenerConfig listener)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(listener.TlsCertFile!, listener.TlsKeyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ConfigException($"error loading the TLS certificate (listener.tcp.tls_cert_file {listener.TlsCertFile}, listener.tcp.tls_key_file {listener.TlsKeyFile}): {ex.Message}", ex);
        }
    }
}
