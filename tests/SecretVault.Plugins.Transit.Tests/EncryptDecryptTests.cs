using System.Security.Cryptography;
using System.Text;
using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Tests;

public sealed class EncryptDecryptTests
{
    private readonly TransitHarness _t = new();

    [Theory]
    [InlineData("aes128-gcm96")]
    [InlineData("aes256-gcm96")]
    [InlineData("chacha20-poly1305")]
    [InlineData("rsa-2048")]
    public async Task EncryptThenDecrypt_GivesThePlaintextBack(string type)
    {
        await _t.CreateKeyAsync("k", type);
        var ciphertext = await _t.EncryptAsync("k", "the quick brown fox");
        Assert.StartsWith("vault:v1:", ciphertext, StringComparison.Ordinal);
        Assert.Equal("the quick brown fox", await _t.DecryptAsync("k", ciphertext));
    }

    [Theory]
    [InlineData("aes128-gcm96", 16)]
    [InlineData("aes256-gcm96", 32)]
    [InlineData("chacha20-poly1305", 32)]
    public async Task Ciphertext_IsNonceThenCiphertextThenTag_UnderTheExportedKey(string type, int keyLength)
    {
        await _t.CreateKeyAsync("k", type, new { exportable = true });
        var raw = Ciphertext.Parse(await _t.EncryptAsync("k", "hello")).Raw;
        Assert.Equal(12 + 5 + 16, raw.Length);
        var key = Convert.FromBase64String((await _t.ReadAsync("export/encryption-key/k/1")).GetProperty("keys").GetProperty("1").GetString()!);
        Assert.Equal(keyLength, key.Length);
        var plaintext = new byte[5];
        if (type == "chacha20-poly1305")
        {
            using var chacha = new ChaCha20Poly1305(key);
            chacha.Decrypt(raw.AsSpan(0, 12), raw.AsSpan(12, 5), raw.AsSpan(17), plaintext);
        }
        else
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(raw.AsSpan(0, 12), raw.AsSpan(12, 5), raw.AsSpan(17), plaintext);
        }

        Assert.Equal("hello", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public async Task Nonces_AreRandom_NeverRepeatedAcrossThousandsOfEncryptions()
    {
        await _t.CreateKeyAsync("k");
        var nonces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 2000; i++)
        {
            var raw = Ciphertext.Parse(await _t.EncryptAsync("k", "same plaintext")).Raw;
            Assert.True(nonces.Add(Convert.ToHexString(raw, 0, 12)), "a nonce repeated");
        }
    }

    [Fact]
    public async Task Convergent_IsDeterministic_WithVaultsNonceDerivation()
    {
        await _t.CreateKeyAsync("c", "aes256-gcm96", new { derived = true, convergent_encryption = true, exportable = true });
        var context = TransitHarness.B64("tenant-1");
        var first = await _t.EncryptAsync("c", "4111 1111 1111 1111", new { context });
        Assert.Equal(first, await _t.EncryptAsync("c", "4111 1111 1111 1111", new { context }));
        Assert.NotEqual(first, await _t.EncryptAsync("c", "4111 1111 1111 1111", new { context = TransitHarness.B64("tenant-2") }));
        Assert.NotEqual(first, await _t.EncryptAsync("c", "4111 1111 1111 1112", new { context }));

        // Vault's convergent v3: HKDF-SHA256(version key, info = context) gives key | HMAC key; nonce = HMAC(plaintext)[:12].
        var versionKey = Convert.FromBase64String((await _t.ReadAsync("export/encryption-key/c/1")).GetProperty("keys").GetProperty("1").GetString()!);
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, versionKey, 64, info: Encoding.UTF8.GetBytes("tenant-1"));
        var nonce = HMACSHA256.HashData(derived[32..], Encoding.UTF8.GetBytes("4111 1111 1111 1111"))[..12];
        var raw = Ciphertext.Parse(first).Raw;
        Assert.Equal(nonce, raw[..12]);
        var plaintext = new byte[raw.Length - 28];
        using var aes = new AesGcm(derived[..32], 16);
        aes.Decrypt(raw[..12], raw[12..^16], raw[^16..], plaintext);
        Assert.Equal("4111 1111 1111 1111", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public async Task Convergent_RefusesAssociatedData_WhichWouldReuseANonce()
    {
        await _t.CreateKeyAsync("c", "aes256-gcm96", new { derived = true, convergent_encryption = true });
        Assert.Equal("associated_data is not supported by convergent keys", await _t.WriteErrorAsync("encrypt/c", new { plaintext = "eA==", context = "Yw==", associated_data = "YQ==" }));
    }

    [Fact]
    public async Task Derived_KeysDifferPerContext_AndNeedOne()
    {
        await _t.CreateKeyAsync("d", "aes256-gcm96", new { derived = true });
        var ciphertext = await _t.EncryptAsync("d", "x", new { context = TransitHarness.B64("a") });
        Assert.Equal("x", await _t.DecryptAsync("d", ciphertext, new { context = TransitHarness.B64("a") }));
        Assert.Equal("cipher: message authentication failed", await _t.WriteErrorAsync("decrypt/d", new { ciphertext, context = TransitHarness.B64("b") }));
        Assert.StartsWith("missing 'context' for key derivation", await _t.WriteErrorAsync("encrypt/d", new { plaintext = TransitHarness.B64("x") }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssociatedData_IsAuthenticated()
    {
        await _t.CreateKeyAsync("k");
        var aad = TransitHarness.B64("row 42");
        var ciphertext = await _t.EncryptAsync("k", "x", new { associated_data = aad });
        Assert.Equal("x", await _t.DecryptAsync("k", ciphertext, new { associated_data = aad }));
        Assert.Equal("cipher: message authentication failed", await _t.WriteErrorAsync("decrypt/k", new { ciphertext, associated_data = TransitHarness.B64("row 43") }));
        Assert.Equal("cipher: message authentication failed", await _t.WriteErrorAsync("decrypt/k", new { ciphertext }));
    }

    [Fact]
    public async Task BadInput_Is400WithVaultsMessages_AndNoKeyMaterial()
    {
        await _t.CreateKeyAsync("k", "aes256-gcm96", new { exportable = true });
        await _t.CreateKeyAsync("other");
        await _t.CreateKeyAsync("signer", "ed25519");
        var ciphertext = await _t.EncryptAsync("k", "secret");
        var raw = Ciphertext.Parse(ciphertext).Raw;
        raw[20] ^= 1;
        var tampered = Ciphertext.Format(1, raw);

        string[] errors =
        [
            await _t.WriteErrorAsync("encrypt/k", new { plaintext = "not base64!" }),
            await _t.WriteErrorAsync("encrypt/k", new { }),
            await _t.WriteErrorAsync("decrypt/k", new { ciphertext = tampered }),
            await _t.WriteErrorAsync("decrypt/k", new { ciphertext = "vault:v9:" + ciphertext[9..] }),
            await _t.WriteErrorAsync("decrypt/other", new { ciphertext }),
            await _t.WriteErrorAsync("decrypt/k", new { ciphertext = "vault:v1:AAAA" }),
            await _t.WriteErrorAsync("encrypt/signer", new { plaintext = TransitHarness.B64("x") }),
            await _t.WriteErrorAsync("decrypt/missing", new { ciphertext }),
            await _t.WriteErrorAsync("encrypt/k", new { plaintext = TransitHarness.B64("x"), nonce = Convert.ToBase64String(new byte[12]) }),
            await _t.WriteErrorAsync("encrypt/k", new { plaintext = TransitHarness.B64("x"), key_version = 5 }),
        ];
        Assert.Equal(
        [
            "failed to base64-decode plaintext",
            "missing plaintext to encrypt",
            "cipher: message authentication failed",
            "invalid ciphertext: version is too new",
            "cipher: message authentication failed",
            "invalid ciphertext: too short",
            "key type ed25519 does not support encryption",
            "encryption key not found",
            "nonce provided when not allowed",
            "requested version for encryption is higher than the latest key version",
        ], errors);

        var key = (await _t.ReadAsync("export/encryption-key/k/1")).GetProperty("keys").GetProperty("1").GetString()!;
        Assert.DoesNotContain(errors, e => e.Contains(key, StringComparison.Ordinal) || e.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upsert_CreatesAnAes256Key_DerivedWhenAContextIsGiven()
    {
        await _t.EncryptAsync("plain", "x");
        await _t.EncryptAsync("ctx", "x", new { context = TransitHarness.B64("c") });
        var plain = await _t.ReadAsync("keys/plain");
        Assert.Equal("aes256-gcm96", plain.GetProperty("type").GetString());
        Assert.False(plain.GetProperty("derived").GetBoolean());
        Assert.True((await _t.ReadAsync("keys/ctx")).GetProperty("derived").GetBoolean());

        await _t.WriteAsync("config/keys", new { disable_upsert = true });
        Assert.Equal("encryption key not found", await _t.WriteErrorAsync("encrypt/new", new { plaintext = TransitHarness.B64("x") }));
        Assert.Null(await _t.CallAsync(Operation.Read, "keys/new"));
    }

    [Fact]
    public async Task Rewrap_MovesToTheLatestVersion_WithoutChangingThePlaintext()
    {
        await _t.CreateKeyAsync("k");
        var v1 = await _t.EncryptAsync("k", "payload");
        await _t.WriteAsync("keys/k/rotate");
        var rewrapped = await _t.WriteAsync("rewrap/k", new { ciphertext = v1 });
        var v2 = rewrapped.GetProperty("ciphertext").GetString()!;
        Assert.StartsWith("vault:v2:", v2, StringComparison.Ordinal);
        Assert.Equal(2, rewrapped.GetProperty("key_version").GetInt32());
        Assert.Equal("payload", await _t.DecryptAsync("k", v2));
    }

    [Fact]
    public async Task Datakey_Plaintext_DecryptsToTheReturnedKey_Wrapped_HasNoPlaintext()
    {
        await _t.CreateKeyAsync("k");
        var plain = await _t.WriteAsync("datakey/plaintext/k", new { bits = 512 });
        var key = plain.GetProperty("plaintext").GetString()!;
        Assert.Equal(64, Convert.FromBase64String(key).Length);
        var decrypted = await _t.WriteAsync("decrypt/k", new { ciphertext = plain.GetProperty("ciphertext").GetString() });
        Assert.Equal(key, decrypted.GetProperty("plaintext").GetString());

        var wrapped = await _t.WriteAsync("datakey/wrapped/k");
        Assert.False(wrapped.TryGetProperty("plaintext", out _));
        Assert.Equal(32, Convert.FromBase64String((await _t.WriteAsync("decrypt/k", new { ciphertext = wrapped.GetProperty("ciphertext").GetString() })).GetProperty("plaintext").GetString()!).Length);
        Assert.Equal("invalid bit length", await _t.WriteErrorAsync("datakey/plaintext/k", new { bits = 100 }));
        Assert.Equal("Invalid path, must be 'plaintext' or 'wrapped'", await _t.WriteErrorAsync("datakey/other/k"));
    }
}
