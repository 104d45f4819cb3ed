namespace SecretVault.Cli.Tests.Support;

/// <summary>Runs vaultcli in-process with captured output, a throw-away home and an optional stub server.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(HttpMessageHandler? handler, IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var home = Directory.CreateTempSubdirectory("sv-cli-home-");
        try
        {
            var environment = new CliEnvironment
            {
                Out = output,
                Error = error,
                ReadSecret = _ => null,
                ReadAllInput = () => "",
                Variable = name => variables?.GetValueOrDefault(name) ?? (name == "VAULT_ADDR" ? "http://127.0.0.1:8200" : null),
                HomeDirectory = home.FullName,
                HandlerFactory = handler is null ? null : () => handler,
            };
            var code = await CliApp.RunAsync(args, environment);
            return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
