namespace SecretVault.Client.Tests;

public sealed class ClientSettingsTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sv-home-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public void Resolve_Defaults_AreVaultsAddressAndNoToken()
    {
        var settings = ClientSettings.Resolve(null, _ => null, _home.FullName);
        Assert.Equal(new Uri("https://127.0.0.1:8200/"), settings.Address);
        Assert.Null(settings.Token);
    }

    [Fact]
    public void Resolve_FlagBeatsEnvironment_EnvironmentTokenBeatsFile()
    {
        File.WriteAllText(Path.Combine(_home.FullName, ".vault-token"), "from-file\n");
        var env = new Dictionary<string, string> { ["VAULT_ADDR"] = "http://10.0.0.1:8200", ["VAULT_TOKEN"] = "from-env" };
        var settings = ClientSettings.Resolve("http://127.0.0.1:9999", k => env.GetValueOrDefault(k), _home.FullName);
        Assert.Equal(new Uri("http://127.0.0.1:9999/"), settings.Address);
        Assert.Equal("from-env", settings.Token);
    }

    [Fact]
    public void Resolve_TokenFile_IsUsedTrimmed()
    {
        File.WriteAllText(Path.Combine(_home.FullName, ".vault-token"), "hvs.file-token\n");
        Assert.Equal("hvs.file-token", ClientSettings.Resolve(null, _ => null, _home.FullName).Token);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1")]
    public void Resolve_BadAddress_Throws(string address)
    {
        Assert.Throws<ArgumentException>(() => ClientSettings.Resolve(address, _ => null, null));
    }
}
