using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecretVault.Server.Configuration;

namespace SecretVault.Server.Hosting;

/// <summary>Loads a listener's <c>tls_cert_file</c> and <c>tls_key_file</c>; a missing or malformed file is a <see cref="ConfigException"/> naming the keys.</summary>
public static class ListenerCertificate
{
    /// <summary>The certificate with its private key.</summary>
    public static X509Certificate2 Load(ListenerConfig listener)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(listener.TlsCertFile!, listener.TlsKeyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // The message of a PEM error names the problem, never the key's bytes.
            throw new ConfigException($"invalid value for \"tls_cert_file\" or \"tls_key_file\" ({listener.TlsCertFile}, {listener.TlsKeyFile}): {ex.Message}", ex);
        }
    }
}
