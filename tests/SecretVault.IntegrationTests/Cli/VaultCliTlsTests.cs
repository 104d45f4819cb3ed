using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Server.Configuration;
using SecretVault.Server.Hosting;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Cli;

/// <summary>vaultcli against a TLS listener whose certificate, for "localhost" only, is signed by a CA made here.</summary>
public sealed class VaultCliTlsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sv-cli-tls-");
    private SecretVaultHost? _host;

    private string CaFile => Path.Combine(_folder.FullName, "cas", "ca.pem");

    private string Address => _host!.Address.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "cas"));
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=vaultcli test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);

        await File.WriteAllTextAsync(CaFile, ca.ExportCertificatePem());
        var certFile = Path.Combine(_folder.FullName, "server.pem");
        var keyFile = Path.Combine(_folder.FullName, "server.key");
        await File.WriteAllTextAsync(certFile, server.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, serverKey.ExportPkcs8PrivateKeyPem());

        var config = new ServerConfig
        {
            Storage = new StorageConfig("inmem", new Dictionary<string, string>()),
            Listener = new ListenerConfig { Address = new IPEndPoint(IPAddress.Loopback, 0), TlsCertFile = certFile, TlsKeyFile = keyFile },
            LogLevel = "warn",
        };
        _host = await SecretVaultHost.StartAsync(config);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }

    /// <summary>status answers 2 (sealed) once it reached the new server, 1 when the connection failed.</summary>
    [Theory]
    [InlineData(1, "x509: certificate signed by unknown authority", "")]
    [InlineData(1, "x509: certificate is not valid for", "-ca-cert=CA")]
    [InlineData(2, "Sealed", "-ca-cert=CA -tls-server-name=localhost")]
    [InlineData(2, "Sealed", "VAULT_CACERT=CA VAULT_TLS_SERVER_NAME=localhost")]
    [InlineData(2, "Sealed", "-ca-path=CAS -tls-server-name=localhost")]
    [InlineData(2, "Sealed", "VAULT_CAPATH=CAS -tls-server-name=localhost")]
    [InlineData(1, "x509: certificate is not valid for other.example", "-ca-cert=CA -tls-server-name=other.example")]
    [InlineData(2, "Sealed", "-tls-skip-verify")]
    [InlineData(2, "Sealed", "VAULT_SKIP_VERIFY=true")]
    public async Task Status_OverTls_TrustsOnlyWhatItIsTold(int expected, string text, string settings)
    {
        var environment = new Dictionary<string, string> { ["VAULT_ADDR"] = Address, ["HOME"] = _folder.FullName };
        var args = new List<string> { "status" };
        foreach (var setting in settings.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var value = setting.Replace("=CAS", "=" + Path.GetDirectoryName(CaFile), StringComparison.Ordinal).Replace("=CA", "=" + CaFile, StringComparison.Ordinal);
            if (value.StartsWith('-'))
            {
                args.Add(value);
            }
            else
            {
                environment[value[..value.IndexOf('=', StringComparison.Ordinal)]] = value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
        }

        var (code, output, error) = await RunAsync(environment, [.. args]);

        Assert.Equal(expected, code);
        Assert.Contains(text, output + error, StringComparison.Ordinal);
        if (expected == 1)
        {
            Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith($"Error checking seal status: Get \"{Address}/v1/sys/seal-status\": tls: failed to verify certificate: ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Https_ToAPlainHttpServer_SaysTheServerGaveHttp()
    {
        await using var plain = await TestServer.StartInMemoryAsync();
        var https = plain.Address.ToString().Replace("http://", "https://", StringComparison.Ordinal).TrimEnd('/');
        var (code, _, error) = await RunAsync(new Dictionary<string, string> { ["VAULT_ADDR"] = https, ["HOME"] = _folder.FullName }, "read", "sys/health");
        Assert.Equal(2, code);
        Assert.Equal($"Error reading: Get \"{https}/v1/sys/health\": http: server gave HTTP response to HTTPS client", error.Trim());
    }

    [Theory]
    [InlineData("-tls-server-name=localhost", "localhost")]
    [InlineData("VAULT_TLS_SERVER_NAME=localhost", "localhost")]
    [InlineData("", "")]
    public async Task TlsServerName_IsSentAsSni(string setting, string expected)
    {
        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(_folder.FullName, "server.pem"), Path.Combine(_folder.FullName, "server.key"));
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        using var stop = new CancellationTokenSource();
        var names = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var accepting = AcceptAllAsync(listener, certificate, names, stop.Token);
        var environment = new Dictionary<string, string> { ["VAULT_ADDR"] = address, ["HOME"] = _folder.FullName };
        var args = new List<string> { "status", "-ca-cert=" + CaFile };
        if (setting.StartsWith('-'))
        {
            args.Add(setting);
        }
        else if (setting.Length > 0)
        {
            environment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        await RunAsync(environment, [.. args]);
        await stop.CancelAsync();
        await accepting;

        // An IP address is never sent in SNI; the server name is, as Go's tls.Config.ServerName.
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Equal(expected, name));
    }

    // Answers no HTTP: the client's retry of the request on a new connection is accepted too.
    private static async Task AcceptAllAsync(System.Net.Sockets.TcpListener listener, X509Certificate2 certificate, System.Collections.Concurrent.ConcurrentQueue<string> names, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(ct);
                await using var tls = new System.Net.Security.SslStream(client.GetStream());
                try
                {
                    await tls.AuthenticateAsServerAsync(new System.Net.Security.SslServerAuthenticationOptions
                    {
                        ServerCertificateSelectionCallback = (_, host) =>
                        {
                            names.Enqueue(host ?? "");
                            return certificate;
                        },
                    }, ct);
                }
                catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // The client refused the certificate (no server name to check it against): the name was seen.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        await using var cli = RunningProcess.StartDotnet(RepoPaths.CliDll, args, environment, "");
        var code = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (code, cli.StandardOutput, cli.StandardError);
    }
}
