namespace SecretVault.Testing.Processes;

/// <summary>The built server as its own process, on a free loopback port, from a configuration file it writes.</summary>
public static class ServerProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Writes <c>server.yaml</c> into <paramref name="folder"/>: file storage in <c>folder/data</c> when
    /// <paramref name="fileStorage"/>, else in memory. Returns its path and a client for the chosen port.
    /// </summary>
    public static async Task<(string Config, HttpClient Http)> ConfigureAsync(string folder, bool fileStorage, string logLevel = "warn")
    {
        var port = FreePort.Next();
        var storage = fileStorage ? $"file:\n    path: {Path.Combine(folder, "data")}" : "inmem: {}";
        var config = Path.Combine(folder, "server.yaml");
        await File.WriteAllTextAsync(config, $"""
            storage:
              {storage}
            listener:
              tcp:
                address: 127.0.0.1:{port}
                tls_disable: true
            log_level: {logLevel}
            """);
        return (config, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) });
    }

    /// <summary>Starts the server with <paramref name="config"/> and waits until it listens.</summary>
    public static async Task<RunningProcess> StartAsync(string config)
    {
        var server = RunningProcess.StartDotnet(RepoPaths.ServerDll, ["server", "-config", config]);
        await server.WaitForOutputAsync("server started", StartTimeout);
        return server;
    }
}
