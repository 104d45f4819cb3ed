using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Clients;

/// <summary>A real third-party client, Debian's python3-hvac, used unchanged against a real server.</summary>
public sealed class HvacClientTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Hvac_InitUnsealHealthSeal_WorksUnchanged()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var results = await RunScriptAsync("hvac_seal_flow.py", server.Address.ToString().TrimEnd('/'));
        ClientScript.AssertInitAndUnsealOfThreeSharesThresholdTwo(results);
        Assert.Equal(200, results.GetProperty("health_head_status").GetInt32());
        Assert.True(results.GetProperty("sealed_after_seal").GetBoolean());
        Assert.Contains("'key' must be a valid hex or base64 string", results.GetProperty("bad_key_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hvac_GenerateRoot_WorksUnchanged()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, root) = await server.InitAsync(3, 2);
        await server.UnsealAsync(keys[0]);
        await server.UnsealAsync(keys[1]);
        var results = await RunScriptAsync("hvac_generate_root_flow.py", server.Address.ToString().TrimEnd('/'), root, keys[2], keys[0]);
        Assert.False(results.GetProperty("started_before").GetBoolean());
        Assert.Equal(28, results.GetProperty("otp_length").GetInt32());
        Assert.True(results.GetProperty("otp_matches_length").GetBoolean());
        Assert.Equal(2, results.GetProperty("required").GetInt32());
        Assert.Equal(1, results.GetProperty("progress_after_one").GetInt32());
        Assert.True(results.GetProperty("complete").GetBoolean());
        Assert.Equal("hvs.", results.GetProperty("token_prefix").GetString());
        Assert.Equal(["root"], results.GetProperty("new_token_policies").EnumerateArray().Select(p => p.GetString()));
        Assert.False(results.GetProperty("started_after_cancel").GetBoolean());
    }

    [Fact]
    public async Task Hvac_RekeyWithVerification_WorksUnchanged()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var (keys, root) = await server.InitAsync(3, 2);
        await server.UnsealAsync(keys[0]);
        await server.UnsealAsync(keys[1]);
        var results = await RunScriptAsync("hvac_rekey_flow.py", server.Address.ToString().TrimEnd('/'), root, keys[2], keys[1]);
        Assert.True(results.GetProperty("started").GetBoolean());
        Assert.Equal(2, results.GetProperty("required").GetInt32());
        Assert.Equal(0, results.GetProperty("progress").GetInt32());
        Assert.True(results.GetProperty("complete").GetBoolean());
        Assert.Equal(4, results.GetProperty("new_key_count").GetInt32());
        Assert.True(results.GetProperty("verification_required").GetBoolean());
        Assert.True(results.GetProperty("verify_progress_nonce_matches").GetBoolean());
        Assert.True(results.GetProperty("verified").GetBoolean());
        Assert.Contains("Unseal failed, invalid key", results.GetProperty("old_keys_error").GetString(), StringComparison.Ordinal);
        Assert.False(results.GetProperty("sealed_after_new_keys").GetBoolean());
        Assert.Equal(2, results.GetProperty("t").GetInt32());
        Assert.Equal(4, results.GetProperty("n").GetInt32());
        Assert.False(results.GetProperty("started_after_cancel").GetBoolean());
    }

    [Fact]
    public async Task Hvac_KvV2AndV1_WorkUnchanged()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv", options = new { version = "2" } }, System.Net.HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv1", new { type = "kv" }, System.Net.HttpStatusCode.NoContent);

        var results = await RunScriptAsync("hvac_kv_flow.py", server.Address.ToString().TrimEnd('/'), root);
        Assert.Equal(5, results.GetProperty("config_max_versions").GetInt32());
        Assert.Equal(1, results.GetProperty("v1").GetInt32());
        Assert.Equal(2, results.GetProperty("v2").GetInt32());
        Assert.Contains("check-and-set parameter did not match the current version", results.GetProperty("cas_error").GetString(), StringComparison.Ordinal);
        Assert.Equal("p2", results.GetProperty("read_password").GetString());
        Assert.Equal(2, results.GetProperty("read_version").GetInt32());
        Assert.Equal("p", results.GetProperty("read_v1_password").GetString());
        Assert.Equal(3, results.GetProperty("patched_version").GetInt32());
        Assert.Equal("p3", results.GetProperty("patched").GetProperty("password").GetString());
        Assert.Equal("u", results.GetProperty("patched").GetProperty("user").GetString());
        Assert.Equal(["db"], results.GetProperty("list").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("InvalidPath", results.GetProperty("deleted_read").GetString());
        Assert.Equal("p3", results.GetProperty("undeleted_password").GetString());
        Assert.Equal(3, results.GetProperty("meta_current").GetInt32());
        Assert.Equal(7, results.GetProperty("meta_max_versions").GetInt32());
        Assert.True(results.GetProperty("meta_v1_destroyed").GetBoolean());
        Assert.True(results.GetProperty("meta_v2_deleted").GetBoolean());
        Assert.Equal("InvalidPath", results.GetProperty("after_delete_all").GetString());
        Assert.Equal(42, results.GetProperty("kv1_value").GetInt32());
        Assert.Equal(3600, results.GetProperty("kv1_lease_duration").GetInt32());
        Assert.Equal(["cfg"], results.GetProperty("kv1_list").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("InvalidPath", results.GetProperty("kv1_after_delete").GetString());
    }

    [Fact]
    public async Task Hvac_Transit_WorksUnchanged()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, System.Net.HttpStatusCode.NoContent);

        var results = await RunScriptAsync("hvac_transit_flow.py", server.Address.ToString().TrimEnd('/'), root);
        Assert.Equal("aes256-gcm96", results.GetProperty("key_type").GetString());
        Assert.Equal("vault:v1:", results.GetProperty("v1_prefix").GetString());
        Assert.Equal("card 4111", results.GetProperty("decrypted").GetString());
        Assert.Equal(2, results.GetProperty("batch_count").GetInt32());
        Assert.Equal("vault:v2:", results.GetProperty("rewrapped_prefix").GetString());
        Assert.Contains("ciphertext or signature version is disallowed by policy (too old)", results.GetProperty("too_old_error").GetString(), StringComparison.Ordinal);
        Assert.Equal("card 4111", results.GetProperty("rewrapped_decrypted").GetString());
        Assert.True(results.GetProperty("ed25519_valid").GetBoolean());
        Assert.False(results.GetProperty("ed25519_other_valid").GetBoolean());
        Assert.True(results.GetProperty("jws_valid").GetBoolean());
        Assert.True(results.GetProperty("hmac_valid").GetBoolean());
        Assert.True(results.GetProperty("datakey_matches").GetBoolean());
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", results.GetProperty("hash").GetString());
        Assert.Equal(24, results.GetProperty("random_length").GetInt32());
        Assert.Equal(["2"], results.GetProperty("export_versions").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("card 4111", results.GetProperty("restored_decrypted").GetString());
        Assert.Equal(["2"], results.GetProperty("trimmed_versions").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("InvalidPath", results.GetProperty("deleted_read").GetString());
    }

    private static Task<JsonElement> RunScriptAsync(string script, params string[] arguments) =>
        ClientScript.RunAsync(Python, Path.Combine(AppContext.BaseDirectory, "Clients", script), arguments);
}
