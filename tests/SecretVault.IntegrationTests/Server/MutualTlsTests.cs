using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecretVault.Server.Configuration;
using SecretVault.Server.Hosting;

namespace SecretVault.IntegrationTests.Server;

/// <summary>
/// <c>tls_client_ca_file</c> and <c>tls_require_and_verify_client_cert</c> on a real TLS listener: only a client
/// certificate from the configured CA, made for client authentication, gets through.
/// </summary>
public sealed class MutualTlsTests : IDisposable
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sv-mtls-");
    private readonly X509Certificate2 _ca;
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public MutualTlsTests()
    {
        _ca = NewCa("CN=mtls test CA", _caKey);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Required_RefusesNoCertificateAndStrangers_ServesTheCasClients()
    {
        await using var host = await StartAsync(require: true);
        using var signed = Issue(_ca, "CN=client", ClientAuth);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, signed));

        await Assert.ThrowsAsync<HttpRequestException>(() => StatusAsync(host, null));
        using var strangerCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var strangerCa = NewCa("CN=other CA", strangerCaKey);
        using var stranger = Issue(strangerCa, "CN=stranger", ClientAuth);
        await Assert.ThrowsAsync<HttpRequestException>(() => StatusAsync(host, stranger));
        using var serverOnly = Issue(_ca, "CN=not-a-client", ServerAuth);
        await Assert.ThrowsAsync<HttpRequestException>(() => StatusAsync(host, serverOnly));
    }

    [Fact]
    public async Task CaFileOnly_ServesWithoutACertificate_ButChecksOneThatIsGiven()
    {
        await using var host = await StartAsync(require: false);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, null));
        using var signed = Issue(_ca, "CN=client", ClientAuth);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, signed));
        using var strangerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var selfSigned = new CertificateRequest("CN=self", strangerKey, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await Assert.ThrowsAsync<HttpRequestException>(() => StatusAsync(host, selfSigned));
    }

    private async Task<SecretVaultHost> StartAsync(bool require)
    {
        using var server = Issue(_ca, "CN=localhost", ServerAuth);
        var certFile = Path.Combine(_folder.FullName, "server.pem");
        var keyFile = Path.Combine(_folder.FullName, "server.key");
        var caFile = Path.Combine(_folder.FullName, "ca.pem");
        await File.WriteAllTextAsync(certFile, server.ExportCertificatePem());
        using (var key = server.GetECDsaPrivateKey()!)
        {
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        }

        await File.WriteAllTextAsync(caFile, _ca.ExportCertificatePem());
        return await SecretVaultHost.StartAsync(new ServerConfig
        {
            Storage = new StorageConfig("inmem", new Dictionary<string, string>()),
            Listener = new ListenerConfig
            {
                Address = new IPEndPoint(IPAddress.Loopback, 0),
                TlsCertFile = certFile,
                TlsKeyFile = keyFile,
                TlsClientCaFile = caFile,
                TlsRequireAndVerifyClientCert = require,
            },
            LogLevel = "warn",
        });
    }

    private static X509Certificate2 NewCa(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string subject, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));

        // A PFX round trip gives a certificate whose key SslStream can use on Linux.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    private async Task<HttpStatusCode> StatusAsync(SecretVaultHost host, X509Certificate2? client)
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Issuer == _ca.Subject,
        };
        if (client is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(client);
        }

        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{host.Address.Port}/") };
        using var response = await http.GetAsync("v1/sys/seal-status");
        return response.StatusCode;
    }
}
