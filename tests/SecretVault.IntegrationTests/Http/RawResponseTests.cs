using System.Net;
using System.Text;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Plugins.Raw;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Http;

/// <summary>A plugin's raw bytes (PKI's PEM, DER, CRL and OCSP answers) reach the client exactly, through real Kestrel.</summary>
public sealed class RawResponseTests
{
    private static async Task<(TestServer Server, string Root)> StartAsync()
    {
        var server = await TestServer.StartInMemoryAsync(services: TestServer.AddRawTestEngine);
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/raw", new { type = RawBytesBackendFactory.TypeName }, HttpStatusCode.NoContent);
        return (server, root);
    }

    [Theory]
    [InlineData("pem", "application/pem-file")]
    [InlineData("der", "application/pkix-cert")]
    [InlineData("crl", "application/pkix-crl")]
    [InlineData("ocsp", "application/ocsp-response")]
    public async Task RawBytes_ReachClient_WithExactBytesAndContentType(string kind, string contentType)
    {
        var (server, root) = await StartAsync();
        await using var _ = server;

        using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/raw/bytes/" + kind, root));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(RawBytesBackend.Body(kind), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RawBytes_WithStatusCode_AnswerThatStatus()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;

        using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/raw/bytes/ocsp?status=201", root));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/ocsp-response", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(RawBytesBackend.Body("ocsp"), await response.Content.ReadAsByteArrayAsync());
    }

    // As Vault: a raw response is wrapped like any other, and unwrapping answers its bytes, type and status again.
    [Fact]
    public async Task RawBytes_WhenWrappingAsked_AreWrapped_AndUnwrapToTheSameBytes()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        using var request = TestServer.Request(HttpMethod.Get, "v1/raw/bytes/der?status=201", root);
        request.Headers.Add("X-Vault-Wrap-TTL", "60s");

        using var wrapped = await server.Http.SendAsync(request);
        var wrapInfo = JsonDocument.Parse(await wrapped.Content.ReadAsStringAsync()).RootElement.GetProperty("wrap_info");
        Assert.Equal(HttpStatusCode.OK, wrapped.StatusCode);
        Assert.Equal("application/json", wrapped.Content.Headers.ContentType?.ToString());
        Assert.Equal("raw/bytes/der", wrapInfo.GetProperty("creation_path").GetString());

        using var unwrapped = await server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/sys/wrapping/unwrap", wrapInfo.GetProperty("token").GetString()));

        Assert.Equal(HttpStatusCode.Created, unwrapped.StatusCode);
        Assert.Equal("application/pkix-cert", unwrapped.Content.Headers.ContentType?.ToString());
        Assert.Equal(RawBytesBackend.Body("der"), await unwrapped.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RawBytes_Head_AnswersHeadersWithoutBody()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;

        using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Head, "v1/raw/bytes/crl", root));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pkix-crl", response.Content.Headers.ContentType?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PluginThrowingUnexpectedException_Answers500ErrorsEnvelope_WithoutItsMessage()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;

        using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/raw/boom", root));
        var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"errors":["internal error"]}""", body);
        Assert.DoesNotContain(RawBytesBackend.LeakedSecret, body, StringComparison.Ordinal);
    }
}
