using System.Net;
using System.Text;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Policies;

/// <summary><c>sys/policy</c>, <c>sys/policies/acl</c> and <c>sys/capabilities*</c> through real HTTP.</summary>
public sealed class PolicyApiTests
{
    private const string Rules = "path \"secret/*\" {\n  capabilities = [\"read\", \"list\"]\n}\n";

    [Fact]
    public async Task PoliciesAcl_WriteReadListDelete()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        await Expect(server, root, HttpMethod.Put, "v1/sys/policies/acl/reader", new { policy = Rules }, HttpStatusCode.NoContent);
        var read = await Expect(server, root, HttpMethod.Get, "v1/sys/policies/acl/reader", null, HttpStatusCode.OK);
        Assert.Equal("reader", read.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal(Rules, read.GetProperty("data").GetProperty("policy").GetString());

        var list = await Expect(server, root, new HttpMethod("LIST"), "v1/sys/policies/acl", null, HttpStatusCode.OK);
        Assert.Equal(["default", "reader", "root"], list.GetProperty("data").GetProperty("keys").EnumerateArray().Select(k => k.GetString()));

        await Expect(server, root, HttpMethod.Delete, "v1/sys/policies/acl/reader", null, HttpStatusCode.NoContent);
        await Expect(server, root, HttpMethod.Get, "v1/sys/policies/acl/reader", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LegacySysPolicy_ReadsRulesAndListsWithTopLevelCopy()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await Expect(server, root, HttpMethod.Put, "v1/sys/policy/Legacy", new { policy = Rules }, HttpStatusCode.OK);
        var read = await Expect(server, root, HttpMethod.Get, "v1/sys/policy/legacy", null, HttpStatusCode.OK);
        Assert.Equal(Rules, read.GetProperty("data").GetProperty("rules").GetString());
        Assert.Equal(Rules, read.GetProperty("rules").GetString());
        var list = await Expect(server, root, HttpMethod.Get, "v1/sys/policy", null, HttpStatusCode.OK);
        Assert.Contains("legacy", list.GetProperty("policies").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Base64Policy_IsAccepted()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await Expect(server, root, HttpMethod.Put, "v1/sys/policies/acl/b64", new { policy = Convert.ToBase64String(Encoding.UTF8.GetBytes(Rules)) }, HttpStatusCode.NoContent);
        var read = await Expect(server, root, HttpMethod.Get, "v1/sys/policies/acl/b64", null, HttpStatusCode.OK);
        Assert.Equal(Rules, read.GetProperty("data").GetProperty("policy").GetString());
    }

    [Theory]
    [InlineData("path \"a\" {\n  capabilities = [\"reed\"]\n}", "invalid capability \"reed\" at line 2, column")]
    [InlineData("path \"a\" {\n  capabilities = [\"read\"]", "at line 2, column")]
    public async Task BadPolicy_Is400NamingLineAndColumn(string text, string expected)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var body = await Expect(server, root, HttpMethod.Put, "v1/sys/policies/acl/bad", new { policy = text }, HttpStatusCode.BadRequest);
        Assert.Contains(expected, body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        await Expect(server, root, HttpMethod.Get, "v1/sys/policies/acl/bad", null, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("path \"x\" { capabilities = ", "[", 1_000_000)]
    [InlineData("", "a { ", 250_000)]
    public async Task PolicyNestedAMillionLevels_Is400_AndTheServerKeepsServing(string prefix, string level, int levels)
    {
        // Issue 14 item 3: the recursive HCL parser overflowed the stack and ended the process. The text stays
        // under max_json_string_value_length (1 MiB), so it reaches the parser.
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var text = prefix + string.Concat(Enumerable.Repeat(level, levels));
        var body = await Expect(server, root, HttpMethod.Put, "v1/sys/policies/acl/deep", new { policy = text }, HttpStatusCode.BadRequest);
        Assert.Contains("nested more than 64 levels", body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);

        await Expect(server, root, HttpMethod.Get, "v1/sys/policies/acl/deep", null, HttpStatusCode.NotFound);
        await Expect(server, root, HttpMethod.Put, "v1/sys/policies/acl/shallow", new { policy = Rules }, HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData(HttpMethodKind.Put, "root", "cannot update \"root\" policy")]
    [InlineData(HttpMethodKind.Put, "ROOT", "cannot update \"root\" policy")]
    [InlineData(HttpMethodKind.Delete, "root", "cannot delete \"root\" policy")]
    [InlineData(HttpMethodKind.Delete, "default", "cannot delete default policy")]
    public async Task ReservedPolicies_AreProtected(HttpMethodKind method, string name, string message)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var body = await Expect(server, root, method == HttpMethodKind.Put ? HttpMethod.Put : HttpMethod.Delete, $"v1/sys/policies/acl/{name}", method == HttpMethodKind.Put ? new { policy = Rules } : null, HttpStatusCode.BadRequest);
        Assert.Equal(message, body.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Capabilities_ForRootAndMissingInput()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var self = await Expect(server, root, HttpMethod.Post, "v1/sys/capabilities-self", new { paths = new[] { "secret/x" } }, HttpStatusCode.OK);
        Assert.Equal(["root"], self.GetProperty("data").GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["root"], self.GetProperty("secret/x").EnumerateArray().Select(c => c.GetString()));

        var byToken = await Expect(server, root, HttpMethod.Post, "v1/sys/capabilities", new { token = root, path = "a,b" }, HttpStatusCode.OK);
        Assert.True(byToken.GetProperty("data").TryGetProperty("b", out _));

        var missing = await Expect(server, root, HttpMethod.Post, "v1/sys/capabilities", new { token = root }, HttpStatusCode.BadRequest);
        Assert.Equal("paths must be supplied", missing.GetProperty("errors")[0].GetString());
        var badToken = await Expect(server, root, HttpMethod.Post, "v1/sys/capabilities", new { token = "hvs.nope", paths = new[] { "a" } }, HttpStatusCode.BadRequest);
        Assert.Equal("invalid token", badToken.GetProperty("errors")[0].GetString());
    }

    public enum HttpMethodKind
    {
        Put,
        Delete,
    }

    private static async Task<JsonElement> Expect(TestServer server, string token, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var response = await server.Http.SendAsync(TestServer.Request(method, path, token, body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
