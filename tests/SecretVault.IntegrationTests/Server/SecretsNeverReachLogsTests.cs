using System.Net;
using System.Net.Http.Json;
using System.Text;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Server;

/// <summary>
/// security.md I1 and T-B6: the real server at log level trace, fed bad input that carries a canary secret in every
/// place a secret could travel. Every answer is a 400 in the errors envelope, and the canary appears in no answer and
/// nowhere in the server's output.
/// </summary>
public sealed class SecretsNeverReachLogsTests : IDisposable
{
    private const string Canary = "S3cr3tCANARY";
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("sv-canary-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task BadInputCarryingASecret_Is400_AndTheSecretIsInNoAnswerAndNoLog()
    {
        var (config, http) = await ServerProcess.ConfigureAsync(_temp.FullName, fileStorage: false, logLevel: "trace");
        using var _ = http;
        await using var server = await ServerProcess.StartAsync(config);
        using var init = await http.PutAsJsonAsync("v1/sys/init", new { secret_shares = 1, secret_threshold = 1 });
        var body = await JsonBody.ReadAsync(init);
        var root = body.GetProperty("root_token").GetString()!;
        await http.PutAsJsonAsync("v1/sys/unseal", new { key = body.GetProperty("keys")[0].GetString() });
        await VaultHttp.ExpectAsync(http, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(http, root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(http, root, HttpMethod.Post, "v1/transit/keys/k", new { }, HttpStatusCode.OK);
        await VaultHttp.ExpectAsync(http, root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(http, root, HttpMethod.Post, "v1/auth/userpass/users/alice", new { password = "right" }, HttpStatusCode.NoContent);

        var requests = new (HttpMethod Method, string Path, string? Token, string Json)[]
        {
            (HttpMethod.Put, "v1/secret/data/app", root, $$"""{"data":"{{Canary}}"}"""),
            (HttpMethod.Put, "v1/secret/data/app", root, "{\"data\":{\"password\":\"" + Canary + "\"},\"options\":{\"cas\":\"" + Canary + "\"}}"),
            (HttpMethod.Put, "v1/secret/data/app", root, $$"""{"data":{"password":"{{Canary}}"}"""),
            (HttpMethod.Post, "v1/auth/token/create", root, $$"""{"ttl":"{{Canary}}"}"""),
            (HttpMethod.Post, "v1/auth/token/create", root, "{\"policies\":{\"" + Canary + "\":1}}"),
            (HttpMethod.Put, "v1/sys/policies/acl/p", root, $$"""{"policy":"path \"{{Canary}} { capabilities = [\"read\"] }"}"""),
            (HttpMethod.Post, "v1/transit/encrypt/k", root, $$"""{"plaintext":"{{Canary}}!!"}"""),
            (HttpMethod.Post, "v1/transit/decrypt/k", root, $$"""{"ciphertext":"vault:v1:{{Canary}}"}"""),
            (HttpMethod.Post, "v1/auth/userpass/login/alice", null, $$"""{"password":"{{Canary}}"}"""),
            (HttpMethod.Post, "v1/auth/userpass/users/bob", root, "{\"password\":{\"nested\":\"" + Canary + "\"}}"),
            (HttpMethod.Put, "v1/sys/unseal", null, $$"""{"key":"{{Canary}}"}"""),
            (HttpMethod.Put, "v1/sys/generate-root/update", root, $$"""{"key":"{{Canary}}","nonce":"{{Canary}}"}"""),
            (HttpMethod.Put, "v1/sys/rekey/init", root, $$"""{"secret_shares":"{{Canary}}","secret_threshold":2}"""),
            (HttpMethod.Put, "v1/sys/wrapping/unwrap", root, $$"""{"token":"{{Canary}}"}"""),
            (HttpMethod.Put, "v1/sys/leases/renew", root, $$"""{"lease_id":"x","increment":"{{Canary}}"}"""),
        };

        foreach (var (method, path, token, json) in requests)
        {
            var request = TestServer.Request(method, path, token);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {json}: expected 400, got {(int)response.StatusCode}: {text}");
            Assert.Contains("\"errors\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
        }

        // The server logged at trace level throughout; the canary is nowhere in what it wrote.
        Assert.Contains("server started", server.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, server.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, server.StandardError, StringComparison.Ordinal);
    }
}
