using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Clients;

/// <summary>A real third-party client, npm's node-vault 0.12.0, used unchanged against a real server.</summary>
public sealed class NodeVaultClientTests
{
    private const string Node = "/usr/bin/node";

    [Fact]
    public async Task NodeVault_InitUnsealGenerateRootRotateSeal_WorksUnchanged()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var results = await RunScriptAsync("operator_flow.js", Endpoint(server));
        ClientScript.AssertInitAndUnsealOfThreeSharesThresholdTwo(results);
        Assert.False(results.GetProperty("health_standby").GetBoolean());
        Assert.False(results.GetProperty("leader_ha_enabled").GetBoolean());
        Assert.True(results.GetProperty("generate_root_started").GetBoolean());
        Assert.Equal(1, results.GetProperty("generate_root_first_progress").GetInt32());
        Assert.True(results.GetProperty("generate_root_complete").GetBoolean());
        Assert.Equal(["root"], Strings(results, "generated_token_policies"));
        Assert.Equal(2, results.GetProperty("key_term").GetInt32());
        Assert.Equal(JsonValueKind.Null, results.GetProperty("unseal_unsealed_error").ValueKind);
        Assert.True(results.GetProperty("sealed_after_seal").GetBoolean());
        Assert.True(results.GetProperty("sealed_health_sealed").GetBoolean());
        Assert.Equal("400 'key' must be a valid hex or base64 string", results.GetProperty("bad_key_error").GetString());
    }

    [Fact]
    public async Task NodeVault_ApplicationFlows_WorkUnchanged()
    {
        await using var server = await TestServer.StartInMemoryAsync(services: TestServer.AddLeasedTestEngine);
        var root = await server.InitAndUnsealAsync();
        var results = await RunScriptAsync("app_flow.js", Endpoint(server), root);

        Assert.Equal("2", results.GetProperty("kv_mount_version").GetString());
        Assert.Equal("transit", results.GetProperty("transit_mount_type").GetString());

        Assert.Equal(1, results.GetProperty("written_version").GetInt32());
        Assert.Equal("p2", results.GetProperty("read_password").GetString());
        Assert.Equal(2, results.GetProperty("read_version").GetInt32());
        Assert.Equal(3, results.GetProperty("patched_version").GetInt32());
        Assert.Equal("u", results.GetProperty("patched_user").GetString());
        Assert.Equal(["db"], Strings(results, "list_keys"));
        Assert.Equal(["db"], Strings(results, "list_keys_get"));
        Assert.True(results.GetProperty("v1_destroyed").GetBoolean());
        Assert.Equal("404 Status 404", results.GetProperty("missing_read_error").GetString());

        Assert.Contains("app", Strings(results, "policies"));
        Assert.Contains("kv/data/app/*", results.GetProperty("policy_text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["token/", "userpass/"], Strings(results, "auth_types"));
        Assert.Equal(["app", "default"], Strings(results, "login_policies").Order());
        Assert.True(results.GetProperty("login_token_adopted").GetBoolean());
        Assert.Equal("p3", results.GetProperty("alice_read_password").GetString());
        Assert.Equal("403 permission denied", results.GetProperty("alice_write_error").GetString());
        Assert.Equal("400 invalid username or password", results.GetProperty("bad_password_error").GetString());

        Assert.Equal(["worker"], Strings(results, "approle_roles"));
        Assert.Equal(1200, results.GetProperty("approle_ttl").GetInt32());
        Assert.Equal("p3", results.GetProperty("approle_read_password").GetString());

        Assert.Equal(["app", "default"], Strings(results, "created_policies").Order());
        Assert.True(results.GetProperty("creator_adopted_new_token").GetBoolean());
        Assert.Equal("token-ci", results.GetProperty("self_display_name").GetString());
        Assert.Equal(7200, results.GetProperty("renewed_ttl").GetInt32());
        Assert.Equal(["app", "default"], Strings(results, "lookup_by_root").Order());
        Assert.Equal("403 permission denied", results.GetProperty("revoked_lookup_error").GetString());

        Assert.Equal(600, results.GetProperty("issued_lease_duration").GetInt32());
        Assert.True(results.GetProperty("issued_renewable").GetBoolean());
        Assert.Equal("leased/creds/app/", results.GetProperty("lease_prefix").GetString());
        Assert.True(results.GetProperty("lookup_ttl_positive").GetBoolean());
        Assert.True(results.GetProperty("renewed_lease_id_same").GetBoolean());
        Assert.Equal(1800, results.GetProperty("renewed_lease_duration").GetInt32());
        Assert.Equal(1, results.GetProperty("revoke_calls").GetInt32());
        Assert.Equal("400 lease not found", results.GetProperty("revoked_renew_error").GetString());

        Assert.Equal(300, results.GetProperty("wrap_ttl").GetInt32());
        Assert.Equal("crate 7", results.GetProperty("unwrapped").GetString());
        Assert.Equal("400 wrapping token is not valid or does not exist", results.GetProperty("second_unwrap_error").GetString());

        Assert.Equal(["orders"], Strings(results, "transit_keys"));
        Assert.Equal("aes256-gcm96", results.GetProperty("transit_type").GetString());
        Assert.Equal("vault:v1:", results.GetProperty("ciphertext_prefix").GetString());
        Assert.Equal("card 4111", results.GetProperty("decrypted").GetString());
        Assert.Equal("vault:v2:", results.GetProperty("rewrapped_prefix").GetString());
        Assert.Equal("card 4111", results.GetProperty("rewrapped_decrypted").GetString());
        Assert.Equal("400 cipher: message authentication failed", results.GetProperty("tampered_error").GetString());
        Assert.Equal("400 error deleting policy orders: deletion is not allowed for this key", results.GetProperty("delete_denied_error").GetString());
        Assert.StartsWith("404 ", results.GetProperty("deleted_read_error").GetString(), StringComparison.Ordinal);
        Assert.Equal("404 no handler for route \"transit/encrypt/orders\". route entry not found.", results.GetProperty("unmounted_error").GetString());

        // What the client did is what the server holds: alice's denied write left the secret at version 3.
        var stored = await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/kv/data/app/db", null, HttpStatusCode.OK);
        Assert.Equal(3, stored.GetProperty("data").GetProperty("metadata").GetProperty("version").GetInt32());
    }

    private static string Endpoint(TestServer server) => server.Address.ToString().TrimEnd('/');

    private static IEnumerable<string?> Strings(JsonElement results, string name) =>
        results.GetProperty(name).EnumerateArray().Select(e => e.GetString());

    private static Task<JsonElement> RunScriptAsync(string script, params string[] arguments) =>
        ClientScript.RunAsync(Node, Path.Combine(RepoPaths.Root, "tests", "clients", "node-vault", script), arguments);
}
