using System.Security.Cryptography.X509Certificates;

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
}
