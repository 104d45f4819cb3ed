namespace SecretVault.Client.Tests;

public sealed class TlsSettingsTests
{
    [Fact]
    public void Resolve_FlagBeatsEnvironment_EnvironmentFillsTheRest()
    {
        var env = new Dictionary<string, string>
        {
            ["VAULT_CACERT"] = "/env/ca.pem",
            ["VAULT_CAPATH"] = "/env/cas",
            ["VAULT_CLIENT_CERT"] = "/env/c.pem",
            ["VAULT_CLIENT_KEY"] = "/env/k.pem",
            ["VAULT_TLS_SERVER_NAME"] = "env.example",
        };
        var tls = TlsSettings.Resolve(new TlsSettings { CaCert = "/flag/ca.pem", ServerName = "flag.example" }, k => env.GetValueOrDefault(k));
        Assert.Equal("/flag/ca.pem", tls.CaCert);
        Assert.Equal("flag.example", tls.ServerName);
        Assert.Equal("/env/cas", tls.CaPath);
        Assert.Equal("/env/c.pem", tls.ClientCert);
        Assert.Equal("/env/k.pem", tls.ClientKey);
    }

    [Fact]
    public void Verifier_MissingCaFile_IsArgumentErrorNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => ServerCertificateVerifier.Create(new TlsSettings { CaCert = "/nonexistent/ca.pem" }, skipVerify: false));
        Assert.Contains("/nonexistent/ca.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientCertificate_WithoutKey_IsArgumentError() =>
        Assert.Throws<ArgumentException>(() => ServerCertificateVerifier.LoadClientCertificate(new TlsSettings { ClientCert = "/x/c.pem" }));

    [Fact]
    public async Task Request_ConnectionRefused_IsOneLineNamingTheAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new VaultClient(ClientSettings.Resolve($"http://127.0.0.1:{port}", _ => null, null));

        var error = await Assert.ThrowsAsync<VaultConnectionException>(() => client.GetSealStatusAsync());

        Assert.Equal($"Get \"http://127.0.0.1:{port}/v1/sys/seal-status\": dial tcp 127.0.0.1:{port}: connect: connection refused", error.Message);
    }
}
