using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Http;

/// <summary>The HTTP conventions Vault clients depend on: tokens, envelope, error body, status codes, limits and paths.</summary>
public sealed class HttpConventionsTests
{
    [Fact]
    public async Task Responses_HaveExactJsonContentTypeAndNoStore()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        using var response = await server.Http.GetAsync("v1/sys/seal-status");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_IsAccepted_AndXVaultTokenWins()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "v1/sys/key-status");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", root);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(bearer)).StatusCode);

        using var both = TestServer.Request(HttpMethod.Get, "v1/sys/key-status", "hvs.wrong");
        both.Headers.Authorization = new AuthenticationHeaderValue("Bearer", root);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.SendAsync(both)).StatusCode);
    }

    [Fact]
    public async Task UnknownPath_WithRootIs404NoHandler_WithoutTokenIs403()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        using var privileged = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/nothing/here", root));
        Assert.Equal(HttpStatusCode.NotFound, privileged.StatusCode);
        Assert.Equal(["no handler for route \"nothing/here\". route entry not found."], await JsonBody.ErrorsAsync(privileged));

        using var anonymous = await server.Http.GetAsync("v1/nothing/here");
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
    }

    [Fact]
    public async Task UnauthenticatedProbing_CannotTellAnExistingMountFromAMissingOne()
    {
        // security.md T-B8: without a usable token, a mounted path and an unmounted one answer byte for byte alike.
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
        var nobody = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "default" } });

        foreach (var token in new[] { null, "hvs.not-a-token", nobody })
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, new HttpMethod("LIST") })
            {
                var body = method == HttpMethod.Put ? new { data = new { a = 1 } } : null;
                using var existing = await server.Http.SendAsync(TestServer.Request(method, "v1/secret/data/app", token, body));
                using var missing = await server.Http.SendAsync(TestServer.Request(method, "v1/nothing-here/data/app", token, body));
                Assert.Equal(HttpStatusCode.Forbidden, existing.StatusCode);
                Assert.Equal(existing.StatusCode, missing.StatusCode);
                Assert.Equal(await existing.Content.ReadAsStringAsync(), await missing.Content.ReadAsStringAsync());
            }
        }
    }

    [Fact]
    public async Task UnsupportedPathInsideSys_Is404_AndWrongMethodIs405()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        using var unknown = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/sys/no-such-endpoint", root));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var wrongOperation = await server.Http.SendAsync(TestServer.Request(HttpMethod.Delete, "v1/sys/key-status", root));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongOperation.StatusCode);
        Assert.Equal(["unsupported operation"], await JsonBody.ErrorsAsync(wrongOperation));

        var (status, body) = await RawHttp.SendAsync(server.Address, "FROB", "/v1/sys/key-status", root);
        Assert.Equal(405, status);
        Assert.Equal("{\"errors\":[]}", body);

        using var sealStatusPost = await server.Http.PostAsync("v1/sys/seal-status", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, sealStatusPost.StatusCode);
    }

    [Fact]
    public async Task ListVerbAndListQuery_AreTheListOperation()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var (status, _) = await RawHttp.SendAsync(server.Address, "LIST", "/v1/sys/key-status", root);
        using var query = await server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/sys/key-status?list=true", root));

        // key-status has no list operation, so both forms must reach the list handler and be refused the same way.
        Assert.Equal(404, status);
        Assert.Equal(HttpStatusCode.NotFound, query.StatusCode);
    }

    [Fact]
    public async Task BodyOverMaxRequestSize_Is413_WithContentLengthAndChunked()
    {
        await using var server = await TestServer.StartInMemoryAsync(maxRequestSize: 1024);
        var big = "{\"secret_shares\":1,\"pad\":\"" + new string('a', 4096) + "\"}";

        using var sized = await server.Http.PutAsync("v1/sys/init", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Single(await JsonBody.ErrorsAsync(sized));

        using var chunkedContent = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        using var chunked = new HttpRequestMessage(HttpMethod.Put, "v1/sys/init") { Content = chunkedContent };
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await server.Http.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);

        var init = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/init"));
        Assert.False(init.GetProperty("initialized").GetBoolean());
    }

    [Theory]
    [InlineData("{\"secret_shares\":1,")]
    [InlineData("[1,2]")]
    [InlineData("{'secret_shares':1}")]
    [InlineData("{\"secret_shares\":1,\"secret_shares\":2,\"secret_threshold\":1}")]
    public async Task MalformedJson_Is400AndNothingIsWritten(string body)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        using var response = await server.Http.PutAsync("v1/sys/init", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("failed to parse JSON input", (await JsonBody.ErrorsAsync(response)).Single(), StringComparison.Ordinal);
        var init = await JsonBody.ReadAsync(await server.Http.GetAsync("v1/sys/init"));
        Assert.False(init.GetProperty("initialized").GetBoolean());
    }

    [Fact]
    public async Task JsonBody_IsParsedWhateverTheContentType()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        using var response = await server.Http.PutAsync("v1/sys/init", new StringContent("{\"secret_shares\":1,\"secret_threshold\":1}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/sys/../sys/key-status")]
    [InlineData("/v1/sys/%2e%2e/sys/key-status")]
    [InlineData("/v1/sys/%2E%2e/sys/key-status")]
    [InlineData("/v1/sys/.%2e/sys/key-status")]
    [InlineData("/v1/sys/./key-status")]
    [InlineData("/v1/sys//key-status")]
    [InlineData("/v1/sys/key-status%00")]
    [InlineData("/v1/sys%2fkey-status")]
    [InlineData("/v1/sys/..%2fkey-status")]
    [InlineData("/v1/sys/key-status/.")]
    public async Task Paths_WithDotSegmentsEmptySegmentsOrNul_Are400(string target)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var (status, body) = await RawHttp.SendAsync(server.Address, "GET", target, root);
        Assert.Equal(400, status);

        // Kestrel refuses an encoded NUL itself, before the application, with an empty 400.
        if (!target.Contains("%00", StringComparison.Ordinal))
        {
            Assert.StartsWith("{\"errors\":[\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PathsOutsideV1_Are404()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        using var response = await server.Http.GetAsync("v2/sys/health");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PatchWithoutMergePatchContentType_Is415()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        using var request = TestServer.Request(HttpMethod.Patch, "v1/sys/key-status", root, new { a = 1 });
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.StartsWith("PATCH requires Content-Type of application/merge-patch+json", (await JsonBody.ErrorsAsync(response)).Single(), StringComparison.Ordinal);
    }
}
