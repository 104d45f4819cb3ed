using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Tests;

public sealed class KeyLifecycleTests
{
    private readonly TransitHarness _t = new();

    [Fact]
    public async Task Create_AnswersVaultsKeyInfo()
    {
        await _t.CreateKeyAsync("k");
        var info = await _t.ReadAsync("keys/k");
        Assert.Equal("k", info.GetProperty("name").GetString());
        Assert.Equal("aes256-gcm96", info.GetProperty("type").GetString());
        Assert.Equal(_t.Time.GetUtcNow().ToUnixTimeSeconds(), info.GetProperty("keys").GetProperty("1").GetInt64());
        Assert.Equal(1, info.GetProperty("latest_version").GetInt32());
        Assert.Equal(1, info.GetProperty("min_decryption_version").GetInt32());
        Assert.Equal(0, info.GetProperty("min_encryption_version").GetInt32());
        Assert.True(info.GetProperty("supports_encryption").GetBoolean());
        Assert.True(info.GetProperty("supports_derivation").GetBoolean());
        Assert.False(info.GetProperty("supports_signing").GetBoolean());
        Assert.False(info.GetProperty("deletion_allowed").GetBoolean());
        Assert.False(info.TryGetProperty("kdf", out _));

        var again = await _t.CallAsync(Operation.Update, "keys/k", new { type = "rsa-2048" });
        Assert.Equal(["key k already existed"], again!.Warnings);
        Assert.Equal("aes256-gcm96", TransitHarness.ToJson(again).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("ecdsa-p256", "P-256")]
    [InlineData("ecdsa-p384", "P-384")]
    [InlineData("ecdsa-p521", "P-521")]
    [InlineData("rsa-2048", "rsa-2048")]
    [InlineData("ed25519", "ed25519")]
    [InlineData("ml-dsa-65", "ml-dsa-65")]
    public async Task AsymmetricKeys_ShowPublicKeysPerVersion(string type, string name)
    {
        await _t.CreateKeyAsync("a", type);
        var version = (await _t.ReadAsync("keys/a")).GetProperty("keys").GetProperty("1");
        Assert.Equal(name, version.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(version.GetProperty("public_key").GetString()));
        Assert.Equal(_t.Time.GetUtcNow(), DateTimeOffset.Parse(version.GetProperty("creation_time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("""{"type":"aes512"}""", "unknown key type aes512")]
    [InlineData("""{"convergent_encryption":true}""", "convergent encryption requires derivation to be enabled")]
    [InlineData("""{"type":"ecdsa-p256","derived":true}""", "key derivation is not supported for key type ecdsa-p256")]
    [InlineData("""{"type":"ed25519","derived":true,"convergent_encryption":true}""", "convergent encryption is not supported for keys of type ed25519")]
    [InlineData("""{"type":"hmac","key_size":16}""", "invalid key_size for an HMAC key: must be between 32 and 512 bytes")]
    [InlineData("""{"key_size":64}""", "key_size is only valid for hmac keys")]
    [InlineData("""{"auto_rotate_period":"30m"}""", "auto rotate period must be 0 to disable or at least an hour")]
    public async Task Create_BadSettings_Is400(string body, string message)
    {
        Assert.Equal(message, await _t.WriteErrorAsync("keys/k", body));
        Assert.Null(await _t.CallAsync(Operation.Read, "keys/k"));
    }

    [Fact]
    public async Task List_And_Delete_OnlyWhenAllowed()
    {
        await _t.CreateKeyAsync("a");
        await _t.CreateKeyAsync("b");
        var list = await _t.CallAsync(Operation.List, "keys/");
        Assert.Equal(["a", "b"], (IReadOnlyList<string>)list!.Data!["keys"]!);

        var refused = await _t.FailAsync(Operation.Delete, "keys/a");
        Assert.Equal("error deleting policy a: deletion is not allowed for this key", refused.Message);
        await _t.WriteAsync("keys/a/config", new { deletion_allowed = true });
        await _t.CallAsync(Operation.Delete, "keys/a");
        Assert.Null(await _t.CallAsync(Operation.Read, "keys/a"));
        Assert.Null(await _t.Storage.GetAsync("policy/a"));
    }

    [Fact]
    public async Task Rotation_OldCiphertextsDecrypt_UntilBelowMinDecryptionVersion()
    {
        await _t.CreateKeyAsync("k");
        var v1 = await _t.EncryptAsync("k", "one");
        await _t.WriteAsync("keys/k/rotate");
        var v2 = await _t.EncryptAsync("k", "two");
        var info = await _t.WriteAsync("keys/k/rotate");
        Assert.Equal(3, info.GetProperty("latest_version").GetInt32());
        Assert.StartsWith("vault:v2:", v2, StringComparison.Ordinal);
        Assert.Equal("one", await _t.DecryptAsync("k", v1));

        await _t.WriteAsync("keys/k/config", new { min_decryption_version = 2 });
        Assert.Equal("ciphertext or signature version is disallowed by policy (too old)", await _t.WriteErrorAsync("decrypt/k", new { ciphertext = v1 }));
        Assert.Equal("two", await _t.DecryptAsync("k", v2));
        Assert.Equal("cannot set min encryption/decryption values; min encryption version of 1 must be greater than or equal to min decryption version of 2", await _t.WriteErrorAsync("keys/k/config", new { min_encryption_version = 1 }));
        Assert.Equal("cannot set min decryption version of 9, latest key version is 3", await _t.WriteErrorAsync("keys/k/config", new { min_decryption_version = 9 }));

        await _t.WriteAsync("keys/k/config", new { min_encryption_version = 3 });
        Assert.Equal("requested version for encryption is less than the minimum encryption key version", await _t.WriteErrorAsync("encrypt/k", new { plaintext = "eA==", key_version = 2 }));
    }

    [Fact]
    public async Task Trim_DeletesOldVersions_WithinVaultsRules()
    {
        await _t.CreateKeyAsync("k");
        var v1 = await _t.EncryptAsync("k", "one");
        await _t.WriteAsync("keys/k/rotate");
        await _t.WriteAsync("keys/k/rotate");
        Assert.Equal("minimum available version cannot be set when minimum encryption version is not set", await _t.WriteErrorAsync("keys/k/trim", new { min_available_version = 2 }));
        await _t.WriteAsync("keys/k/config", new { min_encryption_version = 3 });
        Assert.Equal("minimum available version cannot be greater than minimum decryption version", await _t.WriteErrorAsync("keys/k/trim", new { min_available_version = 2 }));
        await _t.WriteAsync("keys/k/config", new { min_decryption_version = 2 });

        var info = await _t.WriteAsync("keys/k/trim", new { min_available_version = 2 });
        Assert.Equal(2, info.GetProperty("min_available_version").GetInt32());
        Assert.Equal(["2", "3"], info.GetProperty("keys").EnumerateObject().Select(p => p.Name));
        Assert.Equal("minimum available version cannot be decremented", await _t.WriteErrorAsync("keys/k/trim", new { min_available_version = 1 }));
        Assert.Equal("min decryption version should not be less then min available version", await _t.WriteErrorAsync("keys/k/config", new { min_decryption_version = 1 }));
        Assert.Equal("ciphertext or signature version is disallowed by policy (too old)", await _t.WriteErrorAsync("decrypt/k", new { ciphertext = v1 }));

        // Trimmed for good: the stored entry has no version 1 either.
        var stored = JsonDocument.Parse((await _t.Storage.GetAsync("policy/k"))!).RootElement;
        Assert.Equal(["2", "3"], stored.GetProperty("Versions").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Config_ExportableAndPlaintextBackup_AreOneWay()
    {
        await _t.CreateKeyAsync("k");
        Assert.Equal("private key material is not exportable", await ReadErrorAsync("export/encryption-key/k"));
        await _t.WriteAsync("keys/k/config", new { exportable = true, allow_plaintext_backup = true });
        // As Vault: a request to unset them is accepted and leaves them set.
        var kept = await _t.WriteAsync("keys/k/config", new { exportable = false, allow_plaintext_backup = false });
        Assert.True(kept.GetProperty("exportable").GetBoolean());
        Assert.True(kept.GetProperty("allow_plaintext_backup").GetBoolean());
        Assert.Equal(32, Convert.FromBase64String((await _t.ReadAsync("export/encryption-key/k/latest")).GetProperty("keys").GetProperty("1").GetString()!).Length);
    }

    [Fact]
    public async Task Export_OnlyTheKindsATypeHas()
    {
        await _t.CreateKeyAsync("aes", "aes256-gcm96", new { exportable = true });
        await _t.CreateKeyAsync("ec", "ecdsa-p256", new { exportable = true });
        Assert.Equal("export type signing-key is not supported by aes256-gcm96 keys", await ReadErrorAsync("export/signing-key/aes"));
        Assert.Equal("export type public-key is not supported by aes256-gcm96 keys", await ReadErrorAsync("export/public-key/aes"));
        Assert.Equal("export type encryption-key is not supported by ecdsa-p256 keys", await ReadErrorAsync("export/encryption-key/ec"));
        Assert.Equal("invalid export type", await ReadErrorAsync("export/secret-key/ec"));
        Assert.Equal("version does not exist or is higher than the latest key version", await ReadErrorAsync("export/signing-key/ec/7"));
        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----", (await _t.ReadAsync("export/signing-key/ec/1")).GetProperty("keys").GetProperty("1").GetString(), StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String((await _t.ReadAsync("export/hmac-key/ec")).GetProperty("keys").GetProperty("1").GetString()!).Length);
    }

    [Fact]
    public async Task Backup_Restore_RoundTrips_AndRefusesToOverwrite()
    {
        await _t.CreateKeyAsync("k", "aes256-gcm96", new { exportable = true });
        var ciphertext = await _t.EncryptAsync("k", "kept");
        // Vault's transit refuses these with plain errors, which its core answers with 500.
        var disallowed = await _t.FailAsync(Operation.Read, "backup/k");
        Assert.Equal((500, "plaintext backup is disallowed on the policy"), (disallowed.StatusCode, disallowed.Message));
        await _t.WriteAsync("keys/k/config", new { allow_plaintext_backup = true });
        var backup = (await _t.ReadAsync("backup/k")).GetProperty("backup").GetString()!;

        var exists = await _t.FailAsync(Operation.Update, "restore", new { backup });
        Assert.Equal((500, "key \"k\" already exists"), (exists.StatusCode, exists.Message));
        await _t.CallAsync(Operation.Update, "restore/copy", new { backup });
        Assert.Equal("kept", await _t.DecryptAsync("copy", ciphertext));
        var copy = await _t.ReadAsync("keys/copy");
        Assert.Equal("copy", copy.GetProperty("name").GetString());
        Assert.Equal(1, copy.GetProperty("restore_info").GetProperty("version").GetInt32());
        Assert.Equal("failed to restore the key: the backup is not valid", await _t.WriteErrorAsync("restore/x", new { backup = "bm90IGpzb24=" }));
        Assert.Null(await _t.CallAsync(Operation.Read, "keys/x"));
    }

    [Theory]
    [InlineData("Key", null)]
    [InlineData("Key", "AAAA")]
    [InlineData("LatestVersion", 7)]
    [InlineData("MinDecryptionVersion", 0)]
    [InlineData("Type", "rsa-2048")]
    [InlineData("ConvergentEncryption", true)]
    [InlineData("LatestVersion", 2147483647)]
    [InlineData("AutoRotatePeriodSeconds", 60)]
    [InlineData("KeySize", 64)]
    public async Task Restore_OfAnInconsistentBackup_Is400_NotA500Later(string field, object? value)
    {
        await _t.CreateKeyAsync("k", "aes256-gcm96", new { exportable = true, allow_plaintext_backup = true });
        var backup = (await _t.ReadAsync("backup/k")).GetProperty("backup").GetString()!;
        var blob = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(backup))!;
        if (field == "Key")
        {
            blob["policy"]!["Versions"]!["1"]!["Key"] = value is null ? null : System.Text.Json.Nodes.JsonValue.Create(value);
        }
        else
        {
            blob["policy"]![field] = System.Text.Json.Nodes.JsonValue.Create(value);
        }

        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(blob.ToJsonString()));
        Assert.Equal("failed to restore the key: the backup is not valid", await _t.WriteErrorAsync("restore/forged", new { backup = forged }));
        Assert.Null(await _t.CallAsync(Operation.Read, "keys/forged"));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa-p256")]
    [InlineData("rsa-2048")]
    [InlineData("ml-dsa-44")]
    public async Task Restore_OfAsymmetricKeysWithForeignMaterial_Is400(string type)
    {
        await _t.CreateKeyAsync("a", type, new { exportable = true, allow_plaintext_backup = true });
        await _t.CreateKeyAsync("b", type == "ecdsa-p256" ? "ecdsa-p384" : type, new { exportable = true, allow_plaintext_backup = true });
        var good = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String((await _t.ReadAsync("backup/a")).GetProperty("backup").GetString()!))!;
        var other = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String((await _t.ReadAsync("backup/b")).GetProperty("backup").GetString()!))!;
        Assert.Equal(204, (await _t.CallAsync(Operation.Update, "restore/ok", new { backup = Encode(good) }))?.StatusCode ?? 204);

        // Another key's private key with this key's public key: restored keys must be whole.
        good["policy"]!["Versions"]!["1"]!["Key"] = other["policy"]!["Versions"]!["1"]!["Key"]!.DeepClone();
        Assert.Equal("failed to restore the key: the backup is not valid", await _t.WriteErrorAsync("restore/forged", new { backup = Encode(good) }));
    }

    private static string Encode(System.Text.Json.Nodes.JsonNode node) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));

    [Fact]
    public async Task AutoRotation_RotatesWhenThePeriodHasPassed()
    {
        await _t.CreateKeyAsync("k", "aes256-gcm96", new { auto_rotate_period = "1h" });
        await _t.CreateKeyAsync("manual");
        _t.Time.Advance(TimeSpan.FromMinutes(59));
        await _t.Backend.PeriodicAsync(_t.Storage, CancellationToken.None);
        Assert.Equal(1, (await _t.ReadAsync("keys/k")).GetProperty("latest_version").GetInt32());

        _t.Time.Advance(TimeSpan.FromMinutes(1));
        await _t.Backend.PeriodicAsync(_t.Storage, CancellationToken.None);
        await _t.Backend.PeriodicAsync(_t.Storage, CancellationToken.None);
        var info = await _t.ReadAsync("keys/k");
        Assert.Equal(2, info.GetProperty("latest_version").GetInt32());
        Assert.Equal(3600, info.GetProperty("auto_rotate_period").GetInt64());
        Assert.Equal(1, (await _t.ReadAsync("keys/manual")).GetProperty("latest_version").GetInt32());
        Assert.StartsWith("vault:v2:", await _t.EncryptAsync("k", "x"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unload_ZeroesCachedKeys_AndLaterRequestsAre503()
    {
        await _t.CreateKeyAsync("k");
        await _t.EncryptAsync("k", "x");
        var policy = (await _t.Backend.Keys.GetAsync(_t.Storage, "k", CancellationToken.None))!;
        await _t.Backend.UnloadAsync(CancellationToken.None);
        Assert.All(policy.Versions.Values, v => Assert.All(v.Key!, b => Assert.Equal(0, b)));
        Assert.Equal(503, (await _t.FailAsync(Operation.Update, "encrypt/k", new { plaintext = "eA==" })).StatusCode);
    }

    [Fact]
    public async Task CacheConfig_IsZeroOrAtLeastTen_AndBoundsTheCache()
    {
        Assert.Equal(0, (await _t.ReadAsync("cache-config")).GetProperty("size").GetInt32());
        Assert.Equal("size must be 0 or a value greater or equal to 10", await _t.WriteErrorAsync("cache-config", new { size = 5 }));
        await _t.WriteAsync("cache-config", new { size = 10 });
        Assert.Equal(10, (await _t.ReadAsync("cache-config")).GetProperty("size").GetInt32());
        for (var i = 0; i < 15; i++)
        {
            await _t.CreateKeyAsync($"k{i}");
        }

        for (var i = 0; i < 15; i++)
        {
            Assert.Equal("x", await _t.DecryptAsync($"k{i}", await _t.EncryptAsync($"k{i}", "x")));
            Assert.InRange(_t.Backend.Keys.CachedCount, 1, 10);
        }
    }

    private async Task<string> ReadErrorAsync(string path)
    {
        var error = await _t.FailAsync(Operation.Read, path);
        Assert.Equal(400, error.StatusCode);
        return error.Message;
    }
}
