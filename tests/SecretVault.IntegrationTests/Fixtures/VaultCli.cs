using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Fixtures;

/// <summary>Runs the real vaultcli binary against a test server, with its own HOME (for ~/.vault-token).</summary>
public static class VaultCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs vaultcli with <paramref name="args"/>; the token (if any) goes in VAULT_TOKEN, <paramref name="stdin"/> to standard input.</summary>
    public static async Task<(int Code, string Out, string Error)> RunAsync(TestServer server, string home, string? token, string? stdin, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = server.Address.ToString().TrimEnd('/'),
            ["HOME"] = home,
        };
        if (token is not null)
        {
            environment["VAULT_TOKEN"] = token;
        }

        await using var cli = RunningProcess.StartDotnet(RepoPaths.CliDll, args, environment, stdin ?? "");
        var code = await cli.WaitForExitAsync(Timeout);
        return (code, cli.StandardOutput.Replace("\r\n", "\n", StringComparison.Ordinal), cli.StandardError);
    }
}
