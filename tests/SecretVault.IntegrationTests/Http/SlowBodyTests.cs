using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Http;

/// <summary>A body that arrives too slowly is the client's failure: one log line, no stack trace (issue 14 item 8).</summary>
public sealed class SlowBodyTests
{
    [Fact]
    public async Task BodySlowerThanTheMinimumRate_LogsOneLineWithoutAStackTrace()
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartInMemoryAsync(services: s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Debug);
            s.Configure<KestrelServerOptions>(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1000, gracePeriod: TimeSpan.FromSeconds(2)));
        }, configure: c => c with { LogLevel = "debug" }); // the server's log_level gates every logger, as Vault's does

        using var client = new TcpClient();
        await client.ConnectAsync(server.Address.Host, server.Address.Port);
        await using var stream = client.GetStream();
        var head = $"PUT /v1/sys/unseal HTTP/1.1\r\nHost: {server.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Kestrel ends the request once the grace period has passed below the rate; wait for that answer or close.
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("500", answer.Split("\r\n")[0], StringComparison.Ordinal);

        using var health = await server.Http.GetAsync("v1/sys/health?uninitcode=200");
        Assert.True(health.IsSuccessStatusCode);
        var entries = logs.Entries;
        Assert.DoesNotContain(entries, e => e.Exception is not null);
        var line = Assert.Single(entries, e => e.Message.StartsWith("http: request body not received", StringComparison.Ordinal));
        Assert.True(line.Level <= LogLevel.Information);
    }
}
