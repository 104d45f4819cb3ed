using System.Text.Json;
using SecretVault.Plugins.Kv.V2;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;
using SecretVault.Testing.Time;

namespace SecretVault.Plugins.Kv.Tests.V2;

/// <summary>A KV v2 backend on real in-memory storage with a manual clock, and requests routed to it as the core does.</summary>
internal sealed class KvV2Harness
{
    public InMemoryStorage Storage { get; } = new();

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    public KvV2Backend Backend { get; }

    public KvV2Harness()
    {
        Backend = new KvV2Backend(Time);
    }

    /// <summary>Runs the backend's initialize step, as the core does once per load before the first request.</summary>
    public Task InitializeAsync() => Backend.InitializeAsync(new InitializationContext { Storage = Storage }, CancellationToken.None);

    public Task<LogicalResponse?> SendAsync(Operation operation, string path, object? data = null) =>
        Backend.HandleRequestAsync(PluginRequests.Make(Storage, "secret/", operation, path, data));

    public async Task<LogicalResponse> WriteAsync(string key, object data, long? cas = null)
    {
        object body = cas is null ? new { data } : new { data, options = new { cas } };
        return await SendAsync(Operation.Update, "data/" + key, body) ?? throw new InvalidOperationException("a write answers the version's metadata");
    }

    public async Task<LogicalException> FailsAsync(Operation operation, string path, object? data = null) =>
        await Assert.ThrowsAsync<LogicalException>(() => SendAsync(operation, path, data));

    /// <summary>The response's data as JSON, to assert on it as a client would see it.</summary>
    public static JsonElement Json(LogicalResponse? response) =>
        JsonSerializer.SerializeToElement(response?.Data ?? throw new InvalidOperationException("no data"));
}
