using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Storage.Abstractions;

namespace SecretVault.IntegrationTests.Http;

/// <summary>
/// Every handler that deletes, revokes, moves or rotates validates before its first side effect (finding 14):
/// a refused request answers Vault's error envelope and leaves storage byte for byte as it was.
/// </summary>
public sealed class RefusedRequestTests
{
    private static readonly HttpMethod Delete = HttpMethod.Delete;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;

    [Fact]
    public async Task EveryRefusal_AnswersAnErrorEnvelope_AndChangesNoStoredByte()
    {
        await using var server = await TestServer.StartInMemoryAsync(services: TestServer.AddLeasedTestEngine);
        var world = await World.BuildAsync(server);
        var physical = server.Host.Services.GetRequiredService<IPhysicalBackend>();
        var failures = new List<string>();

        foreach (var (method, path, token, body, expected) in Refusals(world))
        {
            var before = await SnapshotAsync(physical);
            using var response = await server.Http.SendAsync(TestServer.Request(method, path, token, body));
            var text = await response.Content.ReadAsStringAsync();
            var after = await SnapshotAsync(physical);

            var name = $"{method} {path} {JsonSerializer.Serialize(body)}";
            if (response.StatusCode != expected || !IsErrorEnvelope(text))
            {
                failures.Add($"{name}: expected {(int)expected} with an errors envelope, got {(int)response.StatusCode} {text}");
            }

            var changed = before.Keys.Union(after.Keys).Where(k => !before.TryGetValue(k, out var a) || !after.TryGetValue(k, out var b) || !a.AsSpan().SequenceEqual(b)).ToList();
            if (changed.Count > 0)
            {
                failures.Add($"{name}: answered {(int)response.StatusCode} {text} but changed {string.Join(", ", changed)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // The state the refusals left alone still works.
        await VaultHttp.ExpectAsync(server, world.Child, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.OK);
        await VaultHttp.ExpectAsync(server, world.Root, Put, "v1/sys/leases/lookup", new { lease_id = world.LeaseId }, HttpStatusCode.OK);
    }

    private static IEnumerable<(HttpMethod Method, string Path, string? Token, object? Body, HttpStatusCode Expected)> Refusals(World w)
    {
        const HttpStatusCode Bad = HttpStatusCode.BadRequest;
        const HttpStatusCode Denied = HttpStatusCode.Forbidden;
        var root = w.Root;
        var nobody = w.Nobody;

        // sys/mounts, sys/auth, sys/remount, tune
        yield return (Delete, "v1/sys/auth/token", root, null, Bad);
        yield return (Delete, "v1/sys/mounts/sys", root, null, Bad);
        yield return (Delete, "v1/sys/mounts/cubbyhole", root, null, Bad);
        yield return (Delete, "v1/sys/mounts/leased", nobody, null, Denied);
        yield return (Delete, "v1/sys/auth/approle", nobody, null, Denied);
        yield return (Post, "v1/sys/remount", root, new { from = "leased", to = "sys/moved" }, Bad);
        yield return (Post, "v1/sys/remount", root, new { from = "leased", to = "kv" }, Bad);
        yield return (Post, "v1/sys/remount", root, new { from = "leased", to = "auth/leased" }, Bad);
        yield return (Post, "v1/sys/remount", root, new { from = "sys", to = "sys2" }, Bad);
        yield return (Post, "v1/sys/remount", root, new { from = "auth/token", to = "auth/token2" }, Bad);
        yield return (Post, "v1/sys/remount", nobody, new { from = "leased", to = "moved" }, Denied);
        yield return (Post, "v1/sys/mounts/kv/tune", root, new { default_lease_ttl = "soon", description = "changed" }, Bad);
        yield return (Post, "v1/sys/mounts/kv/tune", root, new { options = new { version = "1" }, description = "changed" }, Bad);
        yield return (Post, "v1/sys/mounts/nothing/tune", root, new { description = "changed" }, Bad);
        yield return (Post, "v1/sys/mounts/kv", root, new { type = "kv" }, Bad);

        // sys/policy, sys/policies/acl
        yield return (Delete, "v1/sys/policy/root", root, null, Bad);
        yield return (Delete, "v1/sys/policies/acl/default", root, null, Bad);
        yield return (Delete, "v1/sys/policies/acl/response-wrapping", root, null, Bad);
        yield return (Put, "v1/sys/policies/acl/p", root, new { policy = "path {" }, Bad);
        yield return (Delete, "v1/sys/policies/acl/p", nobody, null, Denied);

        // sys/leases, the legacy sys/revoke*
        yield return (Put, "v1/sys/leases/revoke", root, new { }, Bad);
        yield return (Put, "v1/sys/leases/renew", root, new { lease_id = "leased/creds/x/nope" }, Bad);
        yield return (Put, "v1/sys/leases/revoke-prefix/leased", nobody, new { }, Denied);
        yield return (Put, "v1/sys/leases/revoke-force/leased", nobody, new { }, Denied);
        yield return (Put, "v1/sys/revoke-prefix/leased", nobody, new { }, Denied);
        yield return (Put, "v1/sys/leases/revoke", nobody, new { lease_id = w.LeaseId }, Denied);

        // auth/token
        yield return (Put, "v1/auth/token/revoke", root, new { }, Bad);
        yield return (Put, "v1/auth/token/revoke-accessor", root, new { accessor = "nope" }, Bad);
        yield return (Put, "v1/auth/token/revoke-orphan", nobody, new { token = w.Child }, Denied);
        yield return (Put, "v1/auth/token/revoke", nobody, new { token = w.Child }, Denied);
        yield return (Put, "v1/auth/token/renew", root, new { token = "nope" }, Bad);
        yield return (Post, "v1/auth/token/roles/r", root, new { token_type = "bogus", orphan = true }, Bad);
        yield return (Delete, "v1/auth/token/roles/r", nobody, null, Denied);

        // auth/approle: the fenced role's valid secret ID from a refused address spends no use
        yield return (Put, "v1/auth/approle/login", null, new { role_id = "fenced", secret_id = w.FencedSecretId }, Bad);
        yield return (Put, "v1/auth/approle/login", null, new { role_id = "unknown", secret_id = w.FencedSecretId }, Bad);
        yield return (Put, "v1/auth/approle/role/fenced/secret-id/destroy", root, new { }, Bad);
        yield return (Put, "v1/auth/approle/role/fenced/secret-id-accessor/destroy", root, new { secret_id_accessor = "nope" }, Bad);
        yield return (Post, "v1/auth/approle/role/open", root, new { bind_secret_id = false, token_ttl = "5m" }, Bad);
        yield return (Post, "v1/auth/approle/role/open/role-id", root, new { role_id = "fenced" }, Bad);
        yield return (Delete, "v1/auth/approle/role/fenced", nobody, null, Denied);

        // auth/userpass
        yield return (Post, "v1/auth/userpass/users/alice/password", root, new { }, Bad);
        yield return (Post, "v1/auth/userpass/users/bob/policies", root, new { token_policies = "x" }, Bad);
        yield return (Post, "v1/auth/userpass/users/alice", root, new { password = "new", password_hash = "$2a$10$x" }, Bad);
        yield return (Delete, "v1/auth/userpass/users/alice", nobody, null, Denied);

        // kv v2 and v1
        yield return (Put, "v1/kv/destroy/app", root, new { }, Bad);
        yield return (Put, "v1/kv/delete/app", root, new { }, Bad);
        yield return (Put, "v1/kv/undelete/app", root, new { }, Bad);
        yield return (Post, "v1/kv/metadata/app", root, new { max_versions = -1, cas_required = true }, Bad);
        yield return (Put, "v1/kv/data/app", root, new { options = new { cas = 7 }, data = new { a = 2 } }, Bad);
        yield return (Delete, "v1/kv/metadata/app", nobody, null, Denied);
        yield return (Delete, "v1/kv/data/app", nobody, null, Denied);
        yield return (Put, "v1/kv1/", root, new { a = 1 }, Bad);

        // transit
        yield return (Delete, "v1/transit/keys/k", root, null, Bad);
        yield return (Post, "v1/transit/keys/k/trim", root, new { min_available_version = 1 }, Bad);
        yield return (Post, "v1/transit/keys/k/config", root, new { exportable = true, deletion_allowed = true, min_decryption_version = 9 }, Bad);
        yield return (Post, "v1/transit/keys/nope/rotate", root, new { }, Bad);
        yield return (Post, "v1/transit/keys/k/rotate", nobody, new { }, Denied);

        // sys/rotate, rekey, generate-root
        yield return (Put, "v1/sys/rotate/config", root, new { enabled = false, interval = "1s" }, Bad);
        yield return (Put, "v1/sys/rotate/config", root, new { enabled = false, max_operations = 1 }, Bad);
        yield return (Put, "v1/sys/rotate", nobody, new { }, Denied);
        yield return (Put, "v1/sys/rekey/update", root, new { key = w.UnsealKey, nonce = "nope" }, Bad);
        yield return (Put, "v1/sys/rekey/verify", root, new { key = w.UnsealKey, nonce = "nope" }, Bad);
        yield return (Delete, "v1/sys/rekey/verify", root, null, Bad);
        yield return (Put, "v1/sys/generate-root/update", root, new { key = w.UnsealKey, nonce = "nope" }, Bad);
        yield return (Delete, "v1/sys/generate-root/attempt", nobody, null, Denied);
        yield return (Delete, "v1/sys/rekey/init", nobody, null, Denied);
    }

    private static bool IsErrorEnvelope(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<Dictionary<string, byte[]>> SnapshotAsync(IPhysicalBackend physical, string prefix = "")
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var child in await physical.ListAsync(prefix))
        {
            if (child.EndsWith('/'))
            {
                foreach (var (key, value) in await SnapshotAsync(physical, prefix + child))
                {
                    values[key] = value;
                }
            }
            else if (await physical.GetAsync(prefix + child) is { } value)
            {
                values[prefix + child] = value;
            }
        }

        return values;
    }

    /// <summary>What the refusals could wrongly touch: mounts, tokens, leases, roles, users, secrets and keys.</summary>
    private sealed record World(string Root, string UnsealKey, string Nobody, string Child, string LeaseId, string FencedSecretId)
    {
        public static async Task<World> BuildAsync(TestServer server)
        {
            var (keys, root) = await server.InitAsync();
            await server.UnsealAsync(keys[0]);
            async Task SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected = HttpStatusCode.NoContent) =>
                await VaultHttp.ExpectAsync(server, root, method, path, body, expected);

            await SendAsync(Post, "v1/sys/mounts/leased", new { type = "leased-test" });
            await SendAsync(Post, "v1/sys/mounts/kv", new { type = "kv", options = new { version = "2" } });
            await SendAsync(Post, "v1/sys/mounts/kv1", new { type = "kv" });
            await SendAsync(Post, "v1/sys/mounts/transit", new { type = "transit" });
            await SendAsync(Post, "v1/sys/auth/userpass", new { type = "userpass" });
            await SendAsync(Post, "v1/sys/auth/approle", new { type = "approle" });
            await SendAsync(Put, "v1/sys/policies/acl/p", new { policy = """path "kv/*" { capabilities = ["read"] }""" });
            await SendAsync(Put, "v1/kv/data/app", new { data = new { a = 1 } }, HttpStatusCode.OK);
            await SendAsync(Put, "v1/kv1/app", new { a = 1 });
            await SendAsync(Post, "v1/transit/keys/k", new { }, HttpStatusCode.OK);
            await SendAsync(Post, "v1/auth/userpass/users/alice", new { password = "correct horse" });
            await SendAsync(Post, "v1/auth/token/roles/r", new { allowed_policies = "p" });
            await SendAsync(Post, "v1/auth/approle/role/fenced", new { role_id = "fenced", secret_id_bound_cidrs = "10.0.0.0/8" });
            await SendAsync(Post, "v1/auth/approle/role/open", new { role_id = "open" });
            var fenced = await VaultHttp.ExpectAsync(server, root, Post, "v1/auth/approle/role/fenced/secret-id", new { num_uses = 1 }, HttpStatusCode.OK);
            var lease = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/leased/creds/x?ttl=1h", null, HttpStatusCode.OK);

            // A token and a wrapping token live under auth/token/ and sys/: what a refused unmount of either revoked.
            var child = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "p" }, ttl = "1h" });
            var nobody = await VaultHttp.CreateTokenAsync(server, root, new { policies = new[] { "default" }, ttl = "1h" });
            using var wrap = TestServer.Request(Post, "v1/sys/wrapping/wrap", root, new { v = 1 });
            wrap.Headers.Add("X-Vault-Wrap-TTL", "1h");
            using var wrapped = await server.Http.SendAsync(wrap);
            Assert.Equal(HttpStatusCode.OK, wrapped.StatusCode);

            return new World(root, keys[0], nobody, child, lease.GetProperty("lease_id").GetString()!, fenced.GetProperty("data").GetProperty("secret_id").GetString()!);
        }
    }
}
