using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SecretVault.Client;

/// <summary>
/// Judges the server's certificate as the vault CLI does: against the configured CAs (else the system's), for the
/// configured server name (else the address's host); remembers why it refused, so the error can say so in one line.
/// </summary>
public sealed class ServerCertificateVerifier
{
    private readonly X509Certificate2Collection? _roots;
    private readonly string? _serverName;
    private readonly bool _skip;

    private ServerCertificateVerifier(X509Certificate2Collection? roots, string? serverName, bool skip)
    {
        _roots = roots;
        _serverName = serverName;
        _skip = skip;
    }

    /// <summary>Whether a certificate reached the check at all (false: the TLS handshake failed before it).</summary>
    public bool SawCertificate { get; private set; }

    /// <summary>Why the last certificate was refused, in Go's x509 words; null when it was accepted.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Loads the CAs of <paramref name="tls"/>; a missing or unreadable file is an <see cref="ArgumentException"/>.</summary>
    public static ServerCertificateVerifier Create(TlsSettings tls, bool skipVerify)
    {
        X509Certificate2Collection? roots = null;
        if (tls.CaCert is not null)
        {
            roots = LoadPem(tls.CaCert, "CA cert");
        }
        else if (tls.CaPath is not null)
        {
            if (!Directory.Exists(tls.CaPath))
            {
                throw new ArgumentException($"Error loading CA path: open {tls.CaPath}: no such directory");
            }

            roots = [];
            foreach (var file in Directory.EnumerateFiles(tls.CaPath).Order(StringComparer.Ordinal))
            {
                roots.AddRange(LoadPem(file, "CA path"));
            }
        }

        return new ServerCertificateVerifier(roots, tls.ServerName, skipVerify);
    }

    /// <summary>The client certificate of <paramref name="tls"/>, or null; both halves must be given.</summary>
    public static X509Certificate2? LoadClientCertificate(TlsSettings tls)
    {
        if (tls.ClientCert is null && tls.ClientKey is null)
        {
            return null;
        }

        if (tls.ClientCert is null || tls.ClientKey is null)
        {
            throw new ArgumentException("Error loading client certificate: both a client certificate and a client key are needed");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(tls.ClientCert, tls.ClientKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"Error loading client certificate: {ex.Message}", ex);
        }
    }

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Verify(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        SawCertificate = true;
        Refusal = _skip ? null : Judge(certificate, errors);
        return Refusal is null;
    }

    private string? Judge(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "x509: the server sent no certificate";
        }

        // Go checks the chain before the name, so an untrusted certificate says so first.
        using var leaf = new X509Certificate2(certificate);
        if (!Trusted(leaf, errors))
        {
            return "x509: certificate signed by unknown authority";
        }

        return (_serverName is not null ? leaf.MatchesHostname(_serverName) : !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            ? null
            : $"x509: certificate is not valid for {_serverName ?? "the server address"}";
    }

    private bool Trusted(X509Certificate2 leaf, SslPolicyErrors errors)
    {
        if (_roots is null)
        {
            return !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors);
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(leaf);
    }

    private static X509Certificate2Collection LoadPem(string file, string what)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"Error loading {what}: {file}: {ex.Message}", ex);
        }

        return certificates.Count > 0 ? certificates : throw new ArgumentException($"Error loading {what}: {file}: no PEM certificate found");
    }
}
