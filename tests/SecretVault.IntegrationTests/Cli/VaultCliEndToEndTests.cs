using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Cli;

/// <summary>The built vaultcli binary against a real server: the unseal ceremony as an operator runs it.</summary>
public sealed class VaultCliEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sv-cli-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task UnsealCeremony_InitUnsealStatusRotateSeal()
    {
        await using var server = await TestServer.StartInMemoryAsync();

        var (code, output, _) = await RunAsync(server, null, null, "status");
        Assert.Equal(2, code);
        Assert.Matches(@"Initialized\s+false", output);

        (code, output, _) = await RunAsync(server, null, null, "operator", "init", "-key-shares=3", "-key-threshold=2", "-format=json");
        Assert.Equal(0, code);
        using var init = JsonDocument.Parse(output);
        var keys = init.RootElement.GetProperty("unseal_keys_b64").EnumerateArray().Select(k => k.GetString()!).ToList();
        var hex = init.RootElement.GetProperty("unseal_keys_hex").EnumerateArray().Select(k => k.GetString()!).ToList();
        var root = init.RootElement.GetProperty("root_token").GetString()!;
        Assert.Equal(3, keys.Count);
        Assert.Equal(2, init.RootElement.GetProperty("unseal_threshold").GetInt32());

        (code, output, _) = await RunAsync(server, null, null, "operator", "unseal", keys[0]);
        Assert.Equal(0, code);
        Assert.Matches(@"Unseal Progress\s+1/2", output);
        Assert.Equal(2, (await RunAsync(server, null, null, "status")).Code);

        // Without KEY the share is read from the prompt (stdin here), never from the command line.
        (code, output, var error) = await RunAsync(server, null, hex[2] + "\n", "operator", "unseal");
        Assert.Equal(0, code);
        Assert.Contains("Unseal Key (will be hidden):", error, StringComparison.Ordinal);
        Assert.Matches(@"Sealed\s+false", output);

        (code, output, _) = await RunAsync(server, null, null, "status");
        Assert.Equal(0, code);
        Assert.Contains("Cluster Name", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, root, null, "operator", "key-status");
        Assert.Equal(0, code);
        Assert.Matches(@"Key Term\s+1", output);

        (code, output, _) = await RunAsync(server, root, null, "operator", "rotate");
        Assert.Equal(0, code);
        Assert.Contains("Success! Rotated key", output, StringComparison.Ordinal);
        Assert.Matches(@"Key Term\s+2", output);

        (code, output, _) = await RunAsync(server, root, null, "operator", "seal");
        Assert.Equal(0, code);
        Assert.Equal("Success! Vault is sealed.", output.Trim());
        Assert.Equal(2, (await RunAsync(server, null, null, "status")).Code);
    }

    [Fact]
    public async Task TokenFromHomeFile_IsUsed()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await File.WriteAllTextAsync(Path.Combine(_home.FullName, ".vault-token"), root);
        var (code, output, _) = await RunAsync(server, null, null, "operator", "key-status", "-format=json");
        Assert.Equal(0, code);
        Assert.Equal(1, JsonDocument.Parse(output).RootElement.GetProperty("term").GetInt32());
    }

    [Fact]
    public async Task ApiErrors_AreReportedLikeVaultWithExit2()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        await server.InitAsync(3, 2);
        var (code, _, error) = await RunAsync(server, null, null, "operator", "unseal", "zz-not-a-key");
        Assert.Equal(2, code);
        Assert.Contains("Error unsealing: Error making API request.", error, StringComparison.Ordinal);
        Assert.Contains("Code: 400. Errors:", error, StringComparison.Ordinal);
        Assert.Contains("* 'key' must be a valid hex or base64 string", error, StringComparison.Ordinal);

        (code, _, error) = await RunAsync(server, "hvs.bogus", null, "operator", "seal");
        Assert.Equal(2, code);
        Assert.Contains("Code: 503", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_DiscardsProgress()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, _) = await server.InitAsync(3, 2);
        await RunAsync(server, null, null, "operator", "unseal", keys[0]);
        var (code, output, _) = await RunAsync(server, null, null, "operator", "unseal", "-reset");
        Assert.Equal(0, code);
        Assert.Matches(@"Unseal Progress\s+0/2", output);
    }

    [Fact]
    public async Task GenerateRootCeremony_InitSharesDecode_GivesAWorkingRootToken()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, root) = await server.InitAsync(3, 2);
        foreach (var key in keys.Take(2))
        {
            await server.UnsealAsync(key);
        }

        var (code, output, error) = await RunAsync(server, root, null, "operator", "generate-root", "-init");
        Assert.Equal(0, code);
        Assert.Contains("A One-Time-Password has been generated for you", error, StringComparison.Ordinal);
        Assert.Matches(@"Started\s+true", output);
        Assert.Matches(@"Progress\s+0/2", output);
        var otp = System.Text.RegularExpressions.Regex.Match(output, @"\nOTP\s+(\S+)").Groups[1].Value;
        Assert.Equal(28, otp.Length);
        var nonce = System.Text.RegularExpressions.Regex.Match(output, @"Nonce\s+(\S+)").Groups[1].Value;

        // The first holder passes the share on the command line, which needs the nonce; the second types it at the
        // prompt, which shows the server's nonce.
        (code, _, error) = await RunAsync(server, root, null, "operator", "generate-root", keys[2]);
        Assert.Equal(1, code);
        Assert.Equal("Missing nonce value: specify it via the -nonce flag", error.Trim());
        (code, output, _) = await RunAsync(server, root, null, "operator", "generate-root", "-nonce=" + nonce, keys[2]);
        Assert.Equal(0, code);
        Assert.Matches(@"Progress\s+1/2", output);
        (code, output, error) = await RunAsync(server, root, keys[0] + "\n", "operator", "generate-root", "-format=json");
        Assert.Equal(0, code);
        Assert.Contains($"Operation nonce: {nonce}", error, StringComparison.Ordinal);
        Assert.Contains("Unseal Key (will be hidden):", error, StringComparison.Ordinal);
        using var done = JsonDocument.Parse(output);
        Assert.True(done.RootElement.GetProperty("complete").GetBoolean());
        var encoded = done.RootElement.GetProperty("encoded_token").GetString()!;

        (code, output, _) = await RunAsync(server, null, null, "operator", "generate-root", "-decode=" + encoded, "-otp=" + otp);
        Assert.Equal(0, code);
        var token = output.Trim();
        Assert.StartsWith("hvs.", token, StringComparison.Ordinal);
        (code, output, _) = await RunAsync(server, token, null, "token", "lookup", "-format=json");
        Assert.Equal(0, code);
        Assert.Equal("root", Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("data").GetProperty("policies").EnumerateArray()).GetString());

        (code, _, error) = await RunAsync(server, null, null, "operator", "generate-root", "-decode=" + encoded, "-otp=short");
        Assert.Equal(1, code);
        Assert.StartsWith("Error decoding root token:", error.Trim(), StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, root, null, "operator", "generate-root", "-generate-otp");
        Assert.Equal(0, code);
        var own = output.Trim();
        Assert.Equal(28, own.Length);
        (code, output, _) = await RunAsync(server, root, null, "operator", "generate-root", "-init", "-otp=" + own, "-format=json");
        Assert.Equal(0, code);
        Assert.Equal("", JsonDocument.Parse(output).RootElement.GetProperty("otp").GetString());
        (code, output, _) = await RunAsync(server, root, null, "operator", "generate-root", "-cancel");
        Assert.Equal(0, code);
        Assert.Equal("Success! Root token generation canceled (if it was started)", output.Trim());
        (code, output, _) = await RunAsync(server, root, null, "operator", "generate-root", "-status");
        Assert.Matches(@"Started\s+false", output);
    }

    [Fact]
    public async Task RekeyCeremony_WithVerification_NewSharesUnsealAfterwards()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, root) = await server.InitAsync(3, 2);
        await server.UnsealAsync(keys[0]);
        await server.UnsealAsync(keys[1]);

        var (code, output, _) = await RunAsync(server, root, null, "operator", "rekey", "-init", "-key-shares=2", "-key-threshold=2", "-verify");
        Assert.Equal(0, code);
        Assert.Matches(@"Rekey Progress\s+0/2", output);
        Assert.Matches(@"New Shares\s+2", output);
        Assert.Matches(@"Verification Required\s+true", output);
        var nonce = System.Text.RegularExpressions.Regex.Match(output, @"Nonce\s+(\S+)").Groups[1].Value;

        (code, output, _) = await RunAsync(server, root, null, "operator", "rekey", "-nonce=" + nonce, keys[2]);
        Assert.Equal(0, code);
        Assert.Matches(@"Rekey Progress\s+1/2", output);
        (code, output, var error) = await RunAsync(server, root, keys[0] + "\n", "operator", "rekey");
        Assert.Equal(0, code);
        Assert.Contains($"Operation nonce: {nonce}", error, StringComparison.Ordinal);
        var newKeys = System.Text.RegularExpressions.Regex.Matches(output, @"Key \d: (\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, newKeys.Count);
        Assert.Contains("The new keys are not yet active", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(server, root, null, "operator", "rekey", "-verify", "-status");
        Assert.Equal(0, code);
        Assert.Matches(@"Verification Progress\s+0/2", output);
        (code, output, _) = await RunAsync(server, root, newKeys[1] + "\n", "operator", "rekey", "-verify");
        Assert.Equal(0, code);
        Assert.Matches(@"Verification Progress\s+1/2", output);
        (code, output, _) = await RunAsync(server, root, newKeys[0] + "\n", "operator", "rekey", "-verify");
        Assert.Equal(0, code);
        Assert.Contains("Success! Rekey verification was successful.", output, StringComparison.Ordinal);

        (code, _, _) = await RunAsync(server, root, null, "operator", "seal");
        Assert.Equal(0, code);
        (code, _, _) = await RunAsync(server, null, null, "operator", "unseal", keys[0]);
        Assert.Equal(0, code);
        (code, _, error) = await RunAsync(server, null, null, "operator", "unseal", keys[1]);
        Assert.Equal(2, code);
        Assert.Contains("Unseal failed, invalid key", error, StringComparison.Ordinal);
        await RunAsync(server, null, null, "operator", "unseal", newKeys[0]);
        (code, output, _) = await RunAsync(server, null, null, "operator", "unseal", newKeys[1]);
        Assert.Equal(0, code);
        Assert.Matches(@"Sealed\s+false", output);

        (code, output, _) = await RunAsync(server, root, null, "operator", "rekey", "-cancel");
        Assert.Equal(0, code);
        Assert.Equal("Success! Canceled rekeying (if it was started)", output.Trim());
    }

    private Task<(int Code, string Out, string Error)> RunAsync(TestServer server, string? token, string? stdin, params string[] args) =>
        VaultCli.RunAsync(server, _home.FullName, token, stdin, args);
}
