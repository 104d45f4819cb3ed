using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Server;

/// <summary>SIGHUP to the real server process: it reloads its TLS certificate and log level and keeps serving, as Vault.</summary>
public sealed class ServerReloadTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("sv-reload-");
    private readonly int _port = FreePort.Next();

    private string CertFile => Path.Combine(_temp.FullName, "server.pem");

    private string KeyFile => Path.Combine(_temp.FullName, "server.key");

    private string ConfigFile => Path.Combine(_temp.FullName, "server.yaml");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task Sighup_ServesTheNewCertificate_KeepsTheOldOnABadOne_AndKeepsServing()
    {
        var first = WriteCertificate("first");
        WriteConfig("info");
        await using var server = await StartAsync();
        Assert.Equal(first, await ServedThumbprintAsync());

        var second = WriteCertificate("second");
        WriteConfig("debug");
        await SighupAsync(server);
        await WaitForAsync(server, "log level is debug");
        Assert.Equal(second, await ServedThumbprintAsync());
        Assert.Contains("TLS certificate is now CN=second", server.StandardError, StringComparison.Ordinal);

        await File.WriteAllTextAsync(CertFile, "not a certificate");
        await SighupAsync(server);
        await WaitForAsync(server, "keeping the old TLS certificate");
        Assert.Equal(second, await ServedThumbprintAsync());
        Assert.Equal(200, await SealStatusAsync());
        Assert.False(server.Process.HasExited);
    }

    [Fact]
    public async Task Sighup_UnreadableConfig_ChangesNothingAndSaysWhy()
    {
        var first = WriteCertificate("first");
        WriteConfig("info");
        await using var server = await StartAsync();
        await File.WriteAllTextAsync(ConfigFile, "storage: [broken");
        await SighupAsync(server);
        await WaitForAsync(server, "reload failed, nothing changed");
        Assert.Equal(first, await ServedThumbprintAsync());
        Assert.False(server.Process.HasExited);
    }

    private async Task<RunningProcess> StartAsync()
    {
        var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", ConfigFile]);
        await server.WaitForOutputAsync("server started", Timeout);
        return server;
    }

    private void WriteConfig(string logLevel) => File.WriteAllText(ConfigFile, $"""
        storage:
          inmem: {"{}"}
        listener:
          tcp:
            address: 127.0.0.1:{_port}
            tls_cert_file: {CertFile}
            tls_key_file: {KeyFile}
        log_level: {logLevel}
        """);

    private string WriteCertificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CertFile, certificate.ExportCertificatePem());
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
        return certificate.Thumbprint;
    }

    private async Task<string> ServedThumbprintAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", _port);
        string? thumbprint = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            thumbprint = certificate is null ? null : new X509Certificate2(certificate).Thumbprint;
            return true;
        });
        // A fresh name each time: a resumed TLS session would show the certificate of the session it resumed.
        await tls.AuthenticateAsClientAsync($"h{Guid.NewGuid():N}.test");
        return thumbprint ?? throw new InvalidOperationException("the server sent no certificate");
    }

    private async Task<int> SealStatusAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{_port}/v1/sys/seal-status"));
        return (int)response.StatusCode;
    }

    private static async Task SighupAsync(RunningProcess server)
    {
        using var kill = Process.Start("kill", ["-HUP", server.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task WaitForAsync(RunningProcess server, string text)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!server.StandardError.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(server.Process.HasExited, $"the server exited on SIGHUP: {server.StandardError}");
            Assert.True(DateTime.UtcNow < deadline, $"'{text}' was not logged: {server.StandardError}");
            await Task.Delay(50);
        }
    }
}
