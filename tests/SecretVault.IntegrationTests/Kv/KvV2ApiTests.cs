using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Kv;

/// <summary>KV v2 through real HTTP: Vault's shapes, status codes and messages, and the ACL on its API prefixes.</summary>
public sealed class KvV2ApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private string _root = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartInMemoryAsync();
        _root = await _server.InitAndUnsealAsync();
        await ExpectAsync(HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WriteRead_EnvelopeAndFieldsAsVault()
    {
        var written = await ExpectAsync(HttpMethod.Put, "v1/secret/data/app", new { data = new { password = "p", port = 5432 } }, HttpStatusCode.OK);
        Assert.Equal(1, written.GetProperty("data").GetProperty("version").GetInt64());

        var read = await ExpectAsync(HttpMethod.Get, "v1/secret/data/app", null, HttpStatusCode.OK);
        Assert.Equal("p", read.GetProperty("data").GetProperty("data").GetProperty("password").GetString());
        Assert.Equal(5432, read.GetProperty("data").GetProperty("data").GetProperty("port").GetInt32());
        Assert.Equal(0, read.GetProperty("lease_duration").GetInt64());
        Assert.Equal("", read.GetProperty("lease_id").GetString());
        var created = read.GetProperty("data").GetProperty("metadata").GetProperty("created_time").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", created);
    }

    [Fact]
    public async Task DeletedVersion_Is404WithFullEnvelope()
    {
        await ExpectAsync(HttpMethod.Put, "v1/secret/data/gone", new { data = new { a = 1 } }, HttpStatusCode.OK);
        await ExpectAsync(HttpMethod.Delete, "v1/secret/data/gone", null, HttpStatusCode.NoContent);

        using var response = await _server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/secret/data/gone", _root));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await JsonBody.ReadAsync(response);
        Assert.True(body.TryGetProperty("request_id", out _));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("data").ValueKind);
        Assert.NotEqual("", body.GetProperty("data").GetProperty("metadata").GetProperty("deletion_time").GetString());

        using var never = await _server.Http.SendAsync(TestServer.Request(HttpMethod.Get, "v1/secret/data/never", _root));
        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
        Assert.Empty(await JsonBody.ErrorsAsync(never));
    }

    [Fact]
    public async Task BadInput_GetsVaultsCodesAndMessages()
    {
        await ExpectAsync(HttpMethod.Put, "v1/secret/data/k", new { data = new { a = 1 } }, HttpStatusCode.OK);
        Assert.Equal("check-and-set parameter did not match the current version",
            await ErrorAsync(HttpMethod.Put, "v1/secret/data/k", new { data = new { a = 2 }, options = new { cas = 0 } }, HttpStatusCode.BadRequest));
        Assert.StartsWith("error converting input for field \"data\"",
            await ErrorAsync(HttpMethod.Put, "v1/secret/data/k", new { data = "not an object" }, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("version", await ErrorAsync(HttpMethod.Get, "v1/secret/data/k?version=abc", null, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal("cannot write to a path ending in '/'", await ErrorAsync(HttpMethod.Put, "v1/secret/data/dir/", new { data = new { a = 1 } }, HttpStatusCode.BadRequest));
        Assert.Equal("no data provided", await ErrorAsync(HttpMethod.Put, "v1/secret/data/k", new { options = new { } }, HttpStatusCode.BadRequest));

        var metadata = await ExpectAsync(HttpMethod.Get, "v1/secret/metadata/k", null, HttpStatusCode.OK);
        Assert.Equal(1, metadata.GetProperty("data").GetProperty("current_version").GetInt64());
        await ExpectAsync(HttpMethod.Get, "v1/secret/metadata/dir", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CheckAndSet_IsASignedInteger_NegativeNeverMatches_NullIsZero()
    {
        // Vault decodes cas into a signed integer: -1 parses, then matches no version (an existing key or not).
        const string mismatch = "check-and-set parameter did not match the current version";
        Assert.Equal(mismatch, await ErrorAsync(HttpMethod.Put, "v1/secret/data/signed", new { data = new { a = 1 }, options = new { cas = -1 } }, HttpStatusCode.BadRequest));
        await ExpectAsync(HttpMethod.Put, "v1/secret/data/signed", new { data = new { a = 1 } }, HttpStatusCode.OK);
        Assert.Equal(mismatch, await ErrorAsync(HttpMethod.Put, "v1/secret/data/signed", new { data = new { a = 2 }, options = new { cas = -1 } }, HttpStatusCode.BadRequest));
        Assert.Equal(mismatch, await ErrorAsync(HttpMethod.Put, "v1/secret/data/signed", new { data = new { a = 2 }, options = new { cas = "-1" } }, HttpStatusCode.BadRequest));
        var (status, patched) = await PatchAsync("v1/secret/data/signed", """{"data":{"a":2},"options":{"cas":-1}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(mismatch, Assert.Single(patched.GetProperty("errors").EnumerateArray()).GetString());

        // A null cas is Vault's zero: the write holds only while the key does not exist.
        var nullCas = JsonDocument.Parse("""{"data":{"a":2},"options":{"cas":null}}""").RootElement;
        Assert.Equal(mismatch, await ErrorAsync(HttpMethod.Put, "v1/secret/data/signed", nullCas, HttpStatusCode.BadRequest));
        await ExpectAsync(HttpMethod.Put, "v1/secret/data/fresh", nullCas, HttpStatusCode.OK);

        // What is not an integer still does not parse; nothing of the above wrote a version.
        Assert.Equal("error parsing check-and-set parameter", await ErrorAsync(HttpMethod.Put, "v1/secret/data/signed", new { data = new { a = 2 }, options = new { cas = 1.5 } }, HttpStatusCode.BadRequest));
        Assert.Equal(1, (await ExpectAsync(HttpMethod.Get, "v1/secret/metadata/signed", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("current_version").GetInt64());
    }

    [Fact]
    public async Task Subkeys_NegativeDepth_IsAcceptedAsInVault_AndKeepsTheFirstLevel()
    {
        await ExpectAsync(HttpMethod.Put, "v1/secret/data/tree", new { data = new { a = 1, b = new { c = new { d = 2 } } } }, HttpStatusCode.OK);
        var read = await ExpectAsync(HttpMethod.Get, "v1/secret/subkeys/tree?depth=-1", null, HttpStatusCode.OK);
        Assert.Equal("""{"a":null,"b":null}""", read.GetProperty("data").GetProperty("subkeys").GetRawText());
        await ExpectAsync(HttpMethod.Get, "v1/secret/subkeys/none?depth=-1", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Config_NegativeDeleteVersionAfter_TurnsItOffForEveryKey_AsInVault()
    {
        await ExpectAsync(HttpMethod.Post, "v1/secret/metadata/timed", new { delete_version_after = "1h" }, HttpStatusCode.NoContent);
        await ExpectAsync(HttpMethod.Post, "v1/secret/config", new { delete_version_after = "-5m" }, HttpStatusCode.NoContent);
        Assert.Equal("-1s", (await ExpectAsync(HttpMethod.Get, "v1/secret/config", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("delete_version_after").GetString());

        // Off on the mount: the key's own hour does not schedule the version either.
        var off = await ExpectAsync(HttpMethod.Put, "v1/secret/data/timed", new { data = new { a = 1 } }, HttpStatusCode.OK);
        Assert.Equal("", off.GetProperty("data").GetProperty("deletion_time").GetString());

        await ExpectAsync(HttpMethod.Post, "v1/secret/config", new { delete_version_after = "0s" }, HttpStatusCode.NoContent);
        var on = await ExpectAsync(HttpMethod.Put, "v1/secret/data/timed", new { data = new { a = 2 } }, HttpStatusCode.OK);
        Assert.NotEqual("", on.GetProperty("data").GetProperty("deletion_time").GetString());
        Assert.Equal("max_versions must not be negative", await ErrorAsync(HttpMethod.Post, "v1/secret/config", new { max_versions = -1 }, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Patch_NeedsMergePatchContentType_AndMissingSecretIs404()
    {
        await ExpectAsync(HttpMethod.Put, "v1/secret/data/p", new { data = new { a = 1, b = 2 } }, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PatchAsync("v1/secret/data/p", """{"data":{"b":null}}""", "application/json")).Status);

        var (status, body) = await PatchAsync("v1/secret/data/p", """{"data":{"b":null,"c":3}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("data").GetProperty("version").GetInt64());
        var read = await ExpectAsync(HttpMethod.Get, "v1/secret/data/p", null, HttpStatusCode.OK);
        Assert.Equal("""{"a":1,"c":3}""", read.GetProperty("data").GetProperty("data").GetRawText());

        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync("v1/secret/data/absent", """{"data":{"a":1}}""", "application/merge-patch+json")).Status);
    }

    [Fact]
    public async Task Acl_UsesTheApiPrefixes_AndPatchIsItsOwnCapability()
    {
        await ExpectAsync(HttpMethod.Put, "v1/sys/policies/acl/reader", new
        {
            policy = """
                path "secret/data/app/*" { capabilities = ["read"] }
                path "secret/metadata/app/*" { capabilities = ["list"] }
                path "secret/data/rw" { capabilities = ["create", "update", "read"] }
                """,
        }, HttpStatusCode.NoContent);
        var token = await VaultHttp.CreateTokenAsync(_server, _root, new { policies = new[] { "reader" } });
        await ExpectAsync(HttpMethod.Put, "v1/secret/data/app/x", new { data = new { a = 1 } }, HttpStatusCode.OK);
        await ExpectAsync(HttpMethod.Put, "v1/secret/data/rw", new { data = new { a = 1 } }, HttpStatusCode.OK);

        await VaultHttp.ExpectAsync(_server, token, HttpMethod.Get, "v1/secret/data/app/x", null, HttpStatusCode.OK);
        await VaultHttp.ExpectAsync(_server, token, new HttpMethod("LIST"), "v1/secret/metadata/app", null, HttpStatusCode.OK);
        await VaultHttp.ExpectAsync(_server, token, HttpMethod.Put, "v1/secret/data/app/x", new { data = new { a = 2 } }, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(_server, token, HttpMethod.Get, "v1/secret/metadata/app/x", null, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(_server, token, HttpMethod.Put, "v1/secret/data/rw", new { data = new { a = 2 } }, HttpStatusCode.OK);

        using var patch = PatchRequest("v1/secret/data/rw", """{"data":{"a":3}}""", "application/merge-patch+json");
        patch.Headers.Add("X-Vault-Token", token);
        using var denied = await _server.Http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task UiMounts_ReportsTheKvVersion_ToTokensWithAccessOnly()
    {
        await ExpectAsync(HttpMethod.Post, "v1/sys/mounts/old", new { type = "kv" }, HttpStatusCode.NoContent);
        var v2 = await ExpectAsync(HttpMethod.Get, "v1/sys/internal/ui/mounts/secret/some/key", null, HttpStatusCode.OK);
        Assert.Equal("secret/", v2.GetProperty("data").GetProperty("path").GetString());
        Assert.Equal("kv", v2.GetProperty("data").GetProperty("type").GetString());
        Assert.Equal("2", v2.GetProperty("data").GetProperty("options").GetProperty("version").GetString());
        var v1 = await ExpectAsync(HttpMethod.Get, "v1/sys/internal/ui/mounts/old/x", null, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, v1.GetProperty("data").GetProperty("options").ValueKind);

        await ExpectAsync(HttpMethod.Put, "v1/sys/policies/acl/only-secret", new { policy = """path "secret/+/team/*" { capabilities = ["read"] }""" }, HttpStatusCode.NoContent);
        var token = await VaultHttp.CreateTokenAsync(_server, _root, new { policies = new[] { "only-secret" } });
        await VaultHttp.ExpectAsync(_server, token, HttpMethod.Get, "v1/sys/internal/ui/mounts/secret/team/a", null, HttpStatusCode.OK);
        await VaultHttp.ExpectAsync(_server, token, HttpMethod.Get, "v1/sys/internal/ui/mounts/old/x", null, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(_server, token, HttpMethod.Get, "v1/sys/internal/ui/mounts/nowhere/x", null, HttpStatusCode.Forbidden);
        await VaultHttp.ExpectAsync(_server, null, HttpMethod.Get, "v1/sys/internal/ui/mounts/secret/x", null, HttpStatusCode.Forbidden);

        var listed = await VaultHttp.ExpectAsync(_server, token, HttpMethod.Get, "v1/sys/internal/ui/mounts", null, HttpStatusCode.OK);
        var secrets = listed.GetProperty("data").GetProperty("secret").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("secret/", secrets);
        Assert.DoesNotContain("old/", secrets);
        Assert.Contains("cubbyhole/", secrets);

        await ExpectAsync(HttpMethod.Post, "v1/sys/mounts/old/tune", new { listing_visibility = "unauth" }, HttpStatusCode.NoContent);
        var anonymous = await VaultHttp.ExpectAsync(_server, null, HttpMethod.Get, "v1/sys/internal/ui/mounts", null, HttpStatusCode.OK);
        Assert.Equal(["old/"], anonymous.GetProperty("data").GetProperty("secret").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TuneV1ToV2_UpgradesDataInPlace_AndCannotGoBack()
    {
        await ExpectAsync(HttpMethod.Post, "v1/sys/mounts/legacy", new { type = "kv" }, HttpStatusCode.NoContent);
        for (var i = 0; i < 25; i++)
        {
            await ExpectAsync(HttpMethod.Put, $"v1/legacy/team{i % 3}/s{i}", new { value = $"v{i}", n = i, nested = new { deep = true } }, HttpStatusCode.NoContent);
        }

        await ExpectAsync(HttpMethod.Post, "v1/sys/mounts/legacy/tune", new { options = new { version = "2" } }, HttpStatusCode.NoContent);
        for (var i = 0; i < 25; i++)
        {
            var read = await ExpectAsync(HttpMethod.Get, $"v1/legacy/data/team{i % 3}/s{i}", null, HttpStatusCode.OK);
            Assert.Equal($$"""{"n":{{i}},"nested":{"deep":true},"value":"v{{i}}"}""", Canonical(read.GetProperty("data").GetProperty("data")));
            Assert.Equal(1, read.GetProperty("data").GetProperty("metadata").GetProperty("version").GetInt64());
        }

        var teams = await ExpectAsync(new HttpMethod("LIST"), "v1/legacy/metadata/", null, HttpStatusCode.OK);
        Assert.Equal(["team0/", "team1/", "team2/"], teams.GetProperty("data").GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("cannot downgrade mount from version 2",
            await ErrorAsync(HttpMethod.Post, "v1/sys/mounts/legacy/tune", new { options = new { version = "1" } }, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task KvV1_TtlKey_IsLeaseDuration_ElseTheMountDefault()
    {
        await ExpectAsync(HttpMethod.Post, "v1/sys/mounts/v1", new { type = "kv", config = new { default_lease_ttl = "2h", max_lease_ttl = "3h" } }, HttpStatusCode.NoContent);
        await ExpectAsync(HttpMethod.Put, "v1/v1/short", new { ttl = "30m", v = 1 }, HttpStatusCode.NoContent);
        await ExpectAsync(HttpMethod.Put, "v1/v1/long", new { ttl = "10h", v = 1 }, HttpStatusCode.NoContent);
        await ExpectAsync(HttpMethod.Put, "v1/v1/plain", new { v = 1 }, HttpStatusCode.NoContent);

        var shortRead = await ExpectAsync(HttpMethod.Get, "v1/v1/short", null, HttpStatusCode.OK);
        Assert.Equal(1800, shortRead.GetProperty("lease_duration").GetInt64());
        Assert.Equal("", shortRead.GetProperty("lease_id").GetString());
        Assert.Equal("30m", shortRead.GetProperty("data").GetProperty("ttl").GetString());
        Assert.Equal(10800, (await ExpectAsync(HttpMethod.Get, "v1/v1/long", null, HttpStatusCode.OK)).GetProperty("lease_duration").GetInt64());
        Assert.Equal(7200, (await ExpectAsync(HttpMethod.Get, "v1/v1/plain", null, HttpStatusCode.OK)).GetProperty("lease_duration").GetInt64());
    }

    private static string Canonical(JsonElement element) =>
        JsonSerializer.Serialize(element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.Value));

    private Task<JsonElement> ExpectAsync(HttpMethod method, string path, object? body, HttpStatusCode expected) =>
        VaultHttp.ExpectAsync(_server, _root, method, path, body, expected);

    private async Task<string> ErrorAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var response = await _server.Http.SendAsync(TestServer.Request(method, path, _root, body));
        Assert.Equal(expected, response.StatusCode);
        return Assert.Single(await JsonBody.ErrorsAsync(response));
    }

    private HttpRequestMessage PatchRequest(string path, string json, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PatchAsync(string path, string json, string contentType)
    {
        using var request = PatchRequest(path, json, contentType);
        request.Headers.Add("X-Vault-Token", _root);
        using var response = await _server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
