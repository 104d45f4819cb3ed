using System.Net;
using System.Text;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Http;

/// <summary>The API's bodies carry strings escaped as Vault's (Go's encoding/json): byte for byte, every character class.</summary>
public sealed class JsonEscapingTests
{
    [Fact]
    public async Task KvRead_EscapesOnlyWhatGoEscapes()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server.Http, root, HttpMethod.Post, "v1/sys/mounts/kv", new { type = "kv" }, HttpStatusCode.NoContent);

        // Sent escaped with upper-case hex, so what comes back is the server's own writing.
        const string sent = "{\"v\":\"ascii ~ +' <>& \\\"\\\\ \\n\\r\\t\\b\\f \\u0001\\u001F \\u007F é 日本 \\uD83D\\uDE00 \\u2028\\u2029\"}";
        var put = TestServer.Request(HttpMethod.Put, "v1/kv/chars", root);
        put.Content = new StringContent(sent, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NoContent, (await server.Http.SendAsync(put)).StatusCode);

        using var read = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/kv/chars", root));
        var body = await read.Content.ReadAsByteArrayAsync();
        var expected = Encoding.UTF8.GetBytes("\"v\":\"ascii ~ +' \\u003c\\u003e\\u0026 \\\"\\\\ \\n\\r\\t\\b\\f \\u0001\\u001f \u007f é 日本 😀 \\u2028\\u2029\"");
        Assert.True(body.AsSpan().IndexOf(expected) >= 0, "expected Go's escaping in: " + Encoding.UTF8.GetString(body));
    }
}
