using System.Diagnostics;
using System.Text.Json;

namespace SecretVault.IntegrationTests.Clients;

/// <summary>Runs a third-party client's flow script, returns the JSON object of observations it prints, and checks what all clients share.</summary>
internal static class ClientScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RunAsync(string interpreter, string script, params string[] arguments)
    {
        Assert.True(File.Exists(interpreter), $"{interpreter} is missing: ./test.sh installs the client test dependencies");
        Assert.True(File.Exists(script), $"{script} is missing");
        var info = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(script)} did not finish within {Timeout.TotalSeconds} s: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(script)} failed: {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    /// <summary>What every client's operator flow observes: a fresh server initialized with 3 shares, threshold 2, unsealed by two.</summary>
    public static void AssertInitAndUnsealOfThreeSharesThresholdTwo(JsonElement results)
    {
        Assert.False(results.GetProperty("initialized_before").GetBoolean());
        Assert.Equal(3, results.GetProperty("key_count").GetInt32());
        Assert.Equal("hvs.", results.GetProperty("root_token_prefix").GetString());
        Assert.True(results.GetProperty("sealed_before").GetBoolean());
        Assert.Equal(2, results.GetProperty("t").GetInt32());
        Assert.Equal(3, results.GetProperty("n").GetInt32());
        Assert.Equal(1, results.GetProperty("progress_after_one").GetInt32());
        Assert.False(results.GetProperty("sealed_after_two").GetBoolean());
        Assert.True(results.GetProperty("health_initialized").GetBoolean());
        Assert.False(results.GetProperty("health_sealed").GetBoolean());
    }
}
