using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Server.Configuration;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Server;

/// <summary>
/// The listener's <c>x_forwarded_for_*</c> settings over real HTTP: the client address a token's <c>bound_cidrs</c> sees
/// is taken from <c>X-Forwarded-For</c> only when the connection comes from an authorized proxy, and Vault's 400s refuse
/// the rest.
/// </summary>
public sealed class ForwardedForTests
{
    private static Task<TestServer> StartAsync(string authorized, int hopSkips = 0, bool rejectNotAuthorized = true, bool rejectNotPresent = true) =>
        TestServer.StartInMemoryAsync(configure: c => c with
        {
            Listener = c.Listener with
            {
                ForwardedFor = new ForwardedForConfig
                {
                    AuthorizedAddrs = [IPNetwork.Parse(authorized)],
                    HopSkips = hopSkips,
                    RejectNotAuthorized = rejectNotAuthorized,
                    RejectNotPresent = rejectNotPresent,
                },
            },
        });

    [Fact]
    public async Task AuthorizedProxy_NamesTheClient_HopSkipsCountFromTheRight()
    {
        await using var server = await StartAsync("127.0.0.0/8", hopSkips: 1);
        var (root, bound) = await InitAsync(server, "10.1.2.3, 127.0.0.1", "10.1.2.3/32");

        Assert.Equal(HttpStatusCode.OK, await LookupAsync(server, bound, "10.1.2.3, 192.168.0.9"));
        Assert.Equal(HttpStatusCode.Forbidden, await LookupAsync(server, bound, "10.9.9.9, 10.1.2.3"));
        Assert.Equal(HttpStatusCode.OK, await LookupAsync(server, bound, "10.1.2.3", "192.168.0.9"));
        using var response = await SendAsync(server, bound, null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("missing x-forwarded-for header and configured to reject when not present", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var tooShort = await SendAsync(server, bound, ["10.1.2.3"]);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("hops to skip (1) would skip before earliest chain link", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnauthorizedConnection_IsRefused_OrUsesItsOwnAddressWhenAllowed()
    {
        await using (var strict = await StartAsync("10.0.0.0/8"))
        {
            using var refused = await SendAsync(strict, null, ["10.1.2.3"], "v1/sys/seal-status");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("""{"errors":["client address not authorized for X-Forwarded-For and configured to reject connection"]}""", (await refused.Content.ReadAsStringAsync()).Trim());
        }

        await using var lenient = await StartAsync("10.0.0.0/8", rejectNotAuthorized: false, rejectNotPresent: false);
        var (root, bound) = await InitAsync(lenient, "1.2.3.4", "10.1.2.3/32");
        Assert.Equal(HttpStatusCode.Forbidden, await LookupAsync(lenient, bound, "10.1.2.3"));
        var local = await CreateAsync(lenient, root, "127.0.0.1/32");
        Assert.Equal(HttpStatusCode.OK, await LookupAsync(lenient, local, "10.1.2.3"));
        using var without = await SendAsync(lenient, local, null);
        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
    }

    // Initializes and creates a token bound to cidr, every request naming the client with forwardedFor.
    private static async Task<(string Root, string Bound)> InitAsync(TestServer server, string forwardedFor, string cidr)
    {
        server.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        try
        {
            var root = await server.InitAndUnsealAsync();
            return (root, await CreateAsync(server, root, cidr));
        }
        finally
        {
            server.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        }
    }

    // A token bound to cidr, through a token role (Vault's token create takes no bound_cidrs of its own).
    private static async Task<string> CreateAsync(TestServer server, string root, string cidr)
    {
        var role = "bound-" + cidr.Replace('.', '-').Replace('/', '-');
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/roles/" + role, new { token_bound_cidrs = new[] { cidr } }, HttpStatusCode.NoContent);
        return await CreateTokenAsync(server, root, new { policies = new[] { "default" } }, "v1/auth/token/create/" + role);
    }

    private static async Task<HttpStatusCode> LookupAsync(TestServer server, string token, params string[] forwardedFor)
    {
        using var response = await SendAsync(server, token, forwardedFor);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> SendAsync(TestServer server, string? token, string[]? forwardedFor, string path = "v1/auth/token/lookup-self")
    {
        var request = TestServer.Request(HttpMethod.Get, path, token);
        foreach (var value in forwardedFor ?? [])
        {
            request.Headers.Add("X-Forwarded-For", value);
        }

        return server.Http.SendAsync(request);
    }
}
