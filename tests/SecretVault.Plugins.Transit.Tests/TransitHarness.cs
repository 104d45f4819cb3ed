using System.Text.Json;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;
using SecretVault.Testing.Time;

namespace SecretVault.Plugins.Transit.Tests;

/// <summary>A transit backend on in-memory storage with a hand-moved clock, called as the core calls it.</summary>
internal sealed class TransitHarness
{
    public TransitHarness(Keys.EncryptionLimits? limits = null)
    {
        Backend = new TransitBackend(Time, limits);
    }

    public InMemoryStorage Storage { get; } = new();

    public ManualTimeProvider Time { get; } = new();

    public TransitBackend Backend { get; }

    public static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    public async Task<LogicalResponse?> CallAsync(Operation operation, string path, object? data = null)
    {
        var request = PluginRequests.Make(Storage, "transit/", operation, path, data);
        if (operation == Operation.Update && (await Backend.ExistenceCheckAsync(request)) is { Checked: true, Exists: false })
        {
            request = request with { Operation = Operation.Create };
        }

        return await Backend.HandleRequestAsync(request);
    }

    /// <summary>The <c>data</c> of a successful write, as JSON the way a client sees it.</summary>
    public async Task<JsonElement> WriteAsync(string path, object? data = null) => ToJson((await CallAsync(Operation.Update, path, data))!);

    public async Task<JsonElement> ReadAsync(string path) => ToJson((await CallAsync(Operation.Read, path))!);

    /// <summary>The 4xx a call fails with.</summary>
    public async Task<LogicalException> FailAsync(Operation operation, string path, object? data = null) =>
        await Assert.ThrowsAsync<LogicalException>(() => CallAsync(operation, path, data));

    public async Task<string> WriteErrorAsync(string path, object? data = null)
    {
        var error = await FailAsync(Operation.Update, path, data);
        Assert.Equal(400, error.StatusCode);
        return error.Message;
    }

    public async Task CreateKeyAsync(string name, string type = "aes256-gcm96", object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["type"] = type;
        await WriteAsync($"keys/{name}", body);
    }

    public async Task<string> EncryptAsync(string key, string plaintext, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["plaintext"] = B64(plaintext);
        return (await WriteAsync($"encrypt/{key}", body)).GetProperty("ciphertext").GetString()!;
    }

    public async Task<string> DecryptAsync(string key, string ciphertext, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["ciphertext"] = ciphertext;
        var plaintext = (await WriteAsync($"decrypt/{key}", body)).GetProperty("plaintext").GetString()!;
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(plaintext));
    }

    public static JsonElement ToJson(LogicalResponse response) =>
        JsonSerializer.SerializeToElement(response.Data);
}
