using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using SecretVault.Server.Configuration;

namespace SecretVault.Server.Hosting;

/// <summary>
/// Client certificates on a TLS listener, as Vault's <c>tls_client_ca_file</c> and <c>tls_require_and_verify_client_cert</c>:
/// with a CA file a certificate the client offers must chain to it; with the requirement a connection without one that
/// verifies is refused. A client certificate must allow client authentication, as Go's TLS server demands.
/// </summary>
public static class ClientCertificates
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Sets the client certificate mode and check of <paramref name="https"/> for <paramref name="listener"/>.</summary>
    public static void Configure(HttpsConnectionAdapterOptions https, ListenerConfig listener)
    {
        if (listener.TlsClientCaFile is null && !listener.TlsRequireAndVerifyClientCert)
        {
            return;
        }

        var roots = new X509Certificate2Collection();
        if (listener.TlsClientCaFile is { } caFile)
        {
            try
            {
                roots.ImportFromPemFile(caFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new ConfigException($"invalid value for \"tls_client_ca_file\": {ex.Message}", ex);
            }

            if (roots.Count == 0)
            {
                throw new ConfigException($"invalid value for \"tls_client_ca_file\": {caFile} holds no PEM certificate");
            }
        }

        https.ClientCertificateMode = listener.TlsRequireAndVerifyClientCert ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;
        https.ClientCertificateValidation = (certificate, _, _) => Verify(certificate, roots);
    }

    private static bool Verify(X509Certificate2 certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (roots.Count > 0)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        }

        return chain.Build(certificate);
    }
}
