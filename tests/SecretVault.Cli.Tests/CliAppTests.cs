namespace SecretVault.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task UnknownCommand_PrintsUsageAndExits127()
    {
        var (code, _, error) = await RunAsync("frobnicate");
        Assert.Equal(127, code);
        Assert.Contains("operator unseal", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFlag_IsUsageErrorExit1()
    {
        var (code, _, error) = await RunAsync("operator", "init", "-shares=3");
        Assert.Equal(1, code);
        Assert.Contains("flag provided but not defined: -shares", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsCommandHelpExit0()
    {
        var (code, output, _) = await RunAsync("operator", "unseal", "-help");
        Assert.Equal(0, code);
        Assert.Contains("Usage: vaultcli operator unseal", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFormat_IsUsageError()
    {
        var (code, _, error) = await RunAsync("status", "-format=xml");
        Assert.Equal(1, code);
        Assert.Contains("invalid format", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_Exits1WithMessage()
    {
        var (code, _, error) = await RunAsync("status", "-address=http://127.0.0.1:1");
        Assert.Equal(1, code);
        Assert.Contains("Error", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            ReadSecret = _ => null,
            Variable = _ => null,
        };
        var code = await CliApp.RunAsync(args, environment);
        return (code, output.ToString(), error.ToString());
    }
}
