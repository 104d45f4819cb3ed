using System.Net;
using SecretVault.Cli.Tests.Support;

namespace SecretVault.Cli.Tests.Commands;

/// <summary><c>login</c>'s storing of the token: <c>-no-store</c> warns as vault does, <c>-token-only</c> implies it.</summary>
public sealed class LoginCommandTests : IDisposable
{
    private const string Token = "hvs.logintoken";
    private const string LoginAnswer = $$$"""{"auth":{"client_token":"{{{Token}}}","accessor":"acc","policies":["default"],"token_policies":["default"],"lease_duration":3600,"renewable":true}}""";
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sv-login-home-");

    private string TokenFile => Path.Combine(_home.FullName, ".vault-token");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task Login_Plain_StoresTheToken()
    {
        var (code, _, _) = await RunAsync("login", "-method=userpass", "username=u", "password=p");
        Assert.Equal(0, code);
        Assert.Equal(Token, await File.ReadAllTextAsync(TokenFile));
    }

    [Fact]
    public async Task Login_NoStore_StoresNothing_AndPrintsVaultsWarning()
    {
        var (code, output, error) = await RunAsync("login", "-no-store", "-method=userpass", "username=u", "password=p");
        Assert.Equal(0, code);
        Assert.False(File.Exists(TokenFile));
        Assert.StartsWith("WARNING! The token was not stored in token helper. Set the VAULT_TOKEN environment variable or pass the token below with each request to Vault.", error, StringComparison.Ordinal);
        Assert.Contains(Token, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_TokenOnly_PrintsOnlyTheToken_StoresNothing_NoWarning()
    {
        var (code, output, error) = await RunAsync("login", "-token-only", "-method=userpass", "username=u", "password=p");
        Assert.Equal(0, code);
        Assert.Equal(Token + "\n", output);
        Assert.Equal("", error);
        Assert.False(File.Exists(TokenFile));
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            ReadSecret = _ => null,
            ReadAllInput = () => "",
            Variable = name => name == "VAULT_ADDR" ? "http://127.0.0.1:8200" : null,
            HomeDirectory = _home.FullName,
            HandlerFactory = () => new StubHandler(HttpStatusCode.OK, LoginAnswer),
        };
        var code = await CliApp.RunAsync(args, environment);
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
