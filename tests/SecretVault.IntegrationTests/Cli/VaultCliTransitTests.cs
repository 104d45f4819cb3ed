using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Cli;

/// <summary>Transit through vaultcli's generic commands, as operators use it with the vault CLI.</summary>
public sealed class VaultCliTransitTests : IAsyncLifetime
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sv-cli-transit-");
    private TestServer _server = null!;
    private string _root = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartInMemoryAsync();
        _root = await _server.InitAndUnsealAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Delete(recursive: true);
    }

    [Fact]
    public async Task EnableCreateEncryptDecryptRotateSign_ThroughVaultCli()
    {
        Assert.Equal(0, (await CliAsync("secrets", "enable", "transit")).Code);
        Assert.Equal(0, (await CliAsync("write", "-f", "transit/keys/orders")).Code);
        var plaintext = Convert.ToBase64String("order 66"u8.ToArray());

        var encrypted = await CliAsync("write", "-field=ciphertext", "transit/encrypt/orders", $"plaintext={plaintext}");
        Assert.Equal(0, encrypted.Code);
        Assert.StartsWith("vault:v1:", encrypted.Out.Trim(), StringComparison.Ordinal);
        var decrypted = await CliAsync("write", "-field=plaintext", "transit/decrypt/orders", $"ciphertext={encrypted.Out.Trim()}");
        Assert.Equal(plaintext, decrypted.Out.Trim());

        Assert.Equal(0, (await CliAsync("write", "-f", "transit/keys/orders/rotate")).Code);
        Assert.Equal("2", (await CliAsync("read", "-field=latest_version", "transit/keys/orders")).Out.Trim());
        Assert.Contains("orders", (await CliAsync("list", "transit/keys")).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await CliAsync("write", "transit/keys/signer", "type=ecdsa-p256")).Code);
        var signature = (await CliAsync("write", "-field=signature", "transit/sign/signer", $"input={plaintext}")).Out.Trim();
        Assert.Equal("true", (await CliAsync("write", "-field=valid", "transit/verify/signer", $"input={plaintext}", $"signature={signature}")).Out.Trim());

        var bad = await CliAsync("write", "transit/decrypt/orders", "ciphertext=vault:v1:AAAA");
        Assert.Equal(2, bad.Code);
        Assert.Contains("invalid ciphertext: too short", bad.Error, StringComparison.Ordinal);
    }

    private Task<(int Code, string Out, string Error)> CliAsync(params string[] args) => VaultCli.RunAsync(_server, _home.FullName, _root, null, args);
}
