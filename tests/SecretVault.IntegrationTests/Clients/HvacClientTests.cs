using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Clients;

/// <summary>A real third-party client, Debian's python3-hvac, used unchanged against a real server.</summary>
public sealed class HvacClientTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Hvac_InitUnsealHealthSeal_WorksUnchanged()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: ./test.sh installs python3-hvac");
        await using var server = await TestServer.StartInMemoryAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "Clients", "hvac_seal_flow.py");

        var info = new System.Diagnostics.ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(server.Address.ToString().TrimEnd('/'));
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.True(process.ExitCode == 0, $"hvac script failed: {await stderr}");

        var results = JsonDocument.Parse(await stdout).RootElement;
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
        Assert.Equal(200, results.GetProperty("health_head_status").GetInt32());
        Assert.True(results.GetProperty("sealed_after_seal").GetBoolean());
        Assert.Contains("'key' must be a valid hex or base64 string", results.GetProperty("bad_key_error").GetString(), StringComparison.Ordinal);
    }
}
