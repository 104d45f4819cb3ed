using System.Net;
using System.Text.Json;

namespace SecretVault.IntegrationTests.Fixtures;

/// <summary>Sends one request and asserts its status, returning the parsed body.</summary>
public static class VaultHttp
{
    public static Task<JsonElement> ExpectAsync(TestServer server, string? token, HttpMethod method, string path, object? body, HttpStatusCode expected) =>
        ExpectAsync(server.Http, token, method, path, body, expected);

    /// <summary>The same through any client, such as one pointed at a server process.</summary>
    public static async Task<JsonElement> ExpectAsync(HttpClient http, string? token, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var response = await http.SendAsync(TestServer.Request(method, path, token, body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends one request, asserts its status (400 unless told) and returns the messages of its <c>errors</c> envelope.</summary>
    public static async Task<IReadOnlyList<string>> ExpectErrorsAsync(TestServer server, string? token, HttpMethod method, string path, object? body, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var answer = await ExpectAsync(server, token, method, path, body, expected);
        return [.. answer.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>Creates a token with <paramref name="body"/> as <paramref name="parent"/>; returns the client token.</summary>
    public static async Task<string> CreateTokenAsync(TestServer server, string parent, object body, string path = "v1/auth/token/create") =>
        (await ExpectAsync(server, parent, HttpMethod.Post, path, body, HttpStatusCode.OK)).GetProperty("auth").GetProperty("client_token").GetString()!;
}
