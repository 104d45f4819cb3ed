using System.Text.Json;

namespace SecretVault.IntegrationTests.Fixtures;

/// <summary>Reads a response as JSON, asserting Vault's content type on the way.</summary>
public static class JsonBody
{
    /// <summary>The parsed body; asserts <c>Content-Type: application/json</c> exactly, as hvac requires.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The <c>errors</c> array of an error body.</summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await ReadAsync(response);
        return [.. body.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
    }
}
