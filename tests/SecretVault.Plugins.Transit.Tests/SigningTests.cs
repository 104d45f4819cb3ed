using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Tests;

public sealed class SigningTests
{
    private static readonly string Input = TransitHarness.B64("message to sign");
    private readonly TransitHarness _t = new();

    public static TheoryData<string, object> SigningCases => new()
    {
        { "ed25519", new { } },
        { "ecdsa-p256", new { } },
        { "ecdsa-p384", new { hash_algorithm = "sha2-384" } },
        { "ecdsa-p521", new { hash_algorithm = "sha3-512", marshaling_algorithm = "jws" } },
        { "rsa-2048", new { } },
        { "rsa-2048", new { signature_algorithm = "pkcs1v15", hash_algorithm = "sha2-224" } },
        { "rsa-3072", new { hash_algorithm = "sha3-256", salt_length = "hash" } },
        { "rsa-2048", new { hash_algorithm = "sha1", signature_algorithm = "pkcs1v15" } },
        { "ml-dsa-44", new { } },
        { "ml-dsa-65", new { } },
        { "ml-dsa-87", new { } },
    };

    [Theory]
    [MemberData(nameof(SigningCases))]
    public async Task Sign_ThenVerify_IsValid_AndAnotherInputIsNot(string type, object options)
    {
        await _t.CreateKeyAsync("s", type);
        var body = JsonSerializer.SerializeToNode(options)!.AsObject();
        body["input"] = Input;
        var signed = await _t.WriteAsync("sign/s", body);
        var signature = signed.GetProperty("signature").GetString()!;
        Assert.StartsWith("vault:v1:", signature, StringComparison.Ordinal);
        Assert.Equal(1, signed.GetProperty("key_version").GetInt32());

        body["signature"] = signature;
        Assert.True((await _t.WriteAsync("verify/s", body)).GetProperty("valid").GetBoolean());
        body["input"] = TransitHarness.B64("another message");
        Assert.False((await _t.WriteAsync("verify/s", body)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Ecdsa_Jws_IsFixedWidthRS_InUrlSafeBase64()
    {
        await _t.CreateKeyAsync("e", "ecdsa-p256");
        var signature = (await _t.WriteAsync("sign/e", new { input = Input, marshaling_algorithm = "jws" })).GetProperty("signature").GetString()!;
        Assert.DoesNotContain('+', signature);
        Assert.DoesNotContain('/', signature);
        Assert.Equal(64, Ciphertext.Parse(signature, "signature", urlSafe: true).Raw.Length);
    }

    [Fact]
    public async Task Prehashed_SignsTheDigest_AndHashNoneNeedsPkcs1v15()
    {
        await _t.CreateKeyAsync("r", "rsa-2048");
        var digest = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("message to sign")));
        var prehashed = (await _t.WriteAsync("sign/r", new { input = digest, prehashed = true, signature_algorithm = "pkcs1v15" })).GetProperty("signature").GetString();
        Assert.True((await _t.WriteAsync("verify/r", new { input = Input, signature = prehashed, signature_algorithm = "pkcs1v15" })).GetProperty("valid").GetBoolean());

        Assert.Equal("hash_algorithm none requires signature_algorithm=pkcs1v15", await _t.WriteErrorAsync("sign/r/none", new { input = digest, prehashed = true }));
        var raw = (await _t.WriteAsync("sign/r/none", new { input = digest, prehashed = true, signature_algorithm = "pkcs1v15" })).GetProperty("signature").GetString();
        Assert.True((await _t.WriteAsync("verify/r/none", new { input = digest, prehashed = true, signature_algorithm = "pkcs1v15", signature = raw })).GetProperty("valid").GetBoolean());
        Assert.Equal("input is too long for the RSA key", await _t.WriteErrorAsync("sign/r/none", new { input = Convert.ToBase64String(new byte[300]), prehashed = true, signature_algorithm = "pkcs1v15" }));
        Assert.Equal("prehashed input must be a sha2-256 digest of 32 bytes", await _t.WriteErrorAsync("sign/r", new { input = Input, prehashed = true }));
    }

    [Fact]
    public async Task BadSigningInput_Is400()
    {
        await _t.CreateKeyAsync("aes");
        await _t.CreateKeyAsync("ed", "ed25519");
        await _t.CreateKeyAsync("rsa", "rsa-2048");
        Assert.Equal("key type aes256-gcm96 does not support signing", await _t.WriteErrorAsync("sign/aes", new { input = Input }));
        Assert.Equal("unsupported algorithm sha2-999", await _t.WriteErrorAsync("sign/rsa/sha2-999", new { input = Input }));
        Assert.Equal("unsupported signature algorithm pss2", await _t.WriteErrorAsync("sign/rsa", new { input = Input, signature_algorithm = "pss2" }));
        Assert.Equal("unsupported marshaling type der", await _t.WriteErrorAsync("sign/ed", new { input = Input, marshaling_algorithm = "der" }));
        Assert.Equal("prehashed input is not supported by ed25519 keys", await _t.WriteErrorAsync("sign/ed", new { input = Input, prehashed = true }));
        Assert.Equal("missing input", await _t.WriteErrorAsync("sign/ed", new { }));
        Assert.Equal("invalid signature: no prefix", await _t.WriteErrorAsync("verify/ed", new { input = Input, signature = "abc" }));
        Assert.Equal("invalid ciphertext: version is too new", await _t.WriteErrorAsync("verify/ed", new { input = Input, signature = "vault:v2:AAAA" }));
        Assert.StartsWith("salt length must be", await _t.WriteErrorAsync("sign/rsa", new { input = Input, salt_length = "9999" }), StringComparison.Ordinal);
        var tampered = (await _t.WriteAsync("sign/ed", new { input = Input })).GetProperty("signature").GetString()!;
        tampered = tampered[..12] + (tampered[12] == 'A' ? 'B' : 'A') + tampered[13..];
        Assert.False((await _t.WriteAsync("verify/ed", new { input = Input, signature = tampered })).GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData("ed25519", "asn1")]
    [InlineData("ecdsa-p256", "asn1")]
    [InlineData("ecdsa-p256", "jws")]
    [InlineData("rsa-2048", "pss")]
    [InlineData("rsa-2048", "pkcs1v15")]
    [InlineData("ml-dsa-44", "asn1")]
    public async Task Verify_GarbageSignaturesOfAnyLength_AreInvalidNotErrors(string type, string variant)
    {
        await _t.CreateKeyAsync("g", type);
        foreach (var length in new[] { 0, 1, 31, 64, 65, 255, 256, 257, 2420, 5000 })
        {
            var bytes = RandomNumberGenerator.GetBytes(length);
            var body = new Dictionary<string, object>
            {
                ["input"] = Input,
                ["signature"] = Ciphertext.Format(1, bytes, variant == "jws"),
                ["marshaling_algorithm"] = variant == "jws" ? "jws" : "asn1",
                ["signature_algorithm"] = variant == "pkcs1v15" ? "pkcs1v15" : "pss",
            };
            Assert.False((await _t.WriteAsync("verify/g", body)).GetProperty("valid").GetBoolean(), $"{length} random bytes verified");
        }
    }

    [Fact]
    public async Task DerivedEd25519_SignsPerContext_AndAnswersThePublicKey()
    {
        await _t.CreateKeyAsync("d", "ed25519", new { derived = true });
        var context = TransitHarness.B64("tenant-1");
        var signed = await _t.WriteAsync("sign/d", new { input = Input, context });
        var signature = signed.GetProperty("signature").GetString();
        Assert.Equal(32, Convert.FromBase64String(signed.GetProperty("publickey").GetString()!).Length);
        Assert.True((await _t.WriteAsync("verify/d", new { input = Input, context, signature })).GetProperty("valid").GetBoolean());
        Assert.False((await _t.WriteAsync("verify/d", new { input = Input, context = TransitHarness.B64("tenant-2"), signature })).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Hmac_VerifiesWithTheVersionKey_ForEveryKeyType()
    {
        await _t.CreateKeyAsync("h", "hmac", new { key_size = 64, exportable = true });
        await _t.CreateKeyAsync("a");
        var mac = (await _t.WriteAsync("hmac/h/sha2-512", new { input = Input })).GetProperty("hmac").GetString()!;
        var key = Convert.FromBase64String((await _t.ReadAsync("export/hmac-key/h/1")).GetProperty("keys").GetProperty("1").GetString()!);
        Assert.Equal(64, key.Length);
        Assert.Equal("vault:v1:" + Convert.ToBase64String(HMACSHA512.HashData(key, Encoding.UTF8.GetBytes("message to sign"))), mac);
        Assert.True((await _t.WriteAsync("verify/h/sha2-512", new { input = Input, hmac = mac })).GetProperty("valid").GetBoolean());
        Assert.False((await _t.WriteAsync("verify/h", new { input = Input, hmac = mac })).GetProperty("valid").GetBoolean());

        var aesMac = (await _t.WriteAsync("hmac/a", new { input = Input, algorithm = "sha3-256" })).GetProperty("hmac").GetString();
        Assert.True((await _t.WriteAsync("verify/a", new { input = Input, hmac = aesMac, algorithm = "sha3-256" })).GetProperty("valid").GetBoolean());
        Assert.Equal("missing input for HMAC", await _t.WriteErrorAsync("hmac/a", new { }));
        Assert.Equal("provide one of 'signature' or 'hmac', not both", await _t.WriteErrorAsync("verify/a", new { input = Input, hmac = aesMac, signature = aesMac }));
    }

    [Fact]
    public async Task Batch_KeepsOrderAndReferences_AndFailsOnlyTheBadItems()
    {
        await _t.CreateKeyAsync("k");
        var response = (await _t.CallAsync(Operation.Update, "encrypt/k", new
        {
            batch_input = new object[]
            {
                new { plaintext = TransitHarness.B64("a"), reference = "first" },
                new { plaintext = "%%%", reference = "second" },
                new { plaintext = TransitHarness.B64("c") },
            },
        }))!;
        Assert.Equal(400, response.StatusCode);
        var results = TransitHarness.ToJson(response).GetProperty("batch_results").EnumerateArray().ToList();
        Assert.Equal("first", results[0].GetProperty("reference").GetString());
        Assert.StartsWith("vault:v1:", results[0].GetProperty("ciphertext").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed to base64-decode plaintext", results[1].GetProperty("error").GetString());
        Assert.Equal("second", results[1].GetProperty("reference").GetString());
        Assert.False(results[2].TryGetProperty("reference", out _));

        var partial = (await _t.CallAsync(Operation.Update, "decrypt/k", new
        {
            partial_failure_response_code = 207,
            batch_input = new object[] { new { ciphertext = results[0].GetProperty("ciphertext").GetString() }, new { ciphertext = "vault:v1:AAAA" } },
        }))!;
        Assert.Equal(207, partial.StatusCode);
        Assert.Equal(TransitHarness.B64("a"), TransitHarness.ToJson(partial).GetProperty("batch_results")[0].GetProperty("plaintext").GetString());

        var allFailed = await _t.CallAsync(Operation.Update, "hmac/k", new { batch_input = new object[] { new { }, new { input = "%" } } });
        Assert.Equal(400, allFailed!.StatusCode);
        Assert.Equal("missing batch input to process", await _t.WriteErrorAsync("encrypt/k", new { batch_input = Array.Empty<object>() }));
        Assert.StartsWith("failed to parse batch input", await _t.WriteErrorAsync("encrypt/k", new { batch_input = "x" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_SignVerifyEncryptRotate_OnEveryType_StayCorrect()
    {
        string[] types = ["aes256-gcm96", "chacha20-poly1305", "rsa-2048", "ed25519", "ecdsa-p256", "ml-dsa-44"];
        foreach (var type in types)
        {
            await _t.CreateKeyAsync(type, type);
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, 240), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var type = types[i % types.Length];
            if (i % 40 == 0)
            {
                await _t.WriteAsync($"keys/{type}/rotate");
            }

            var message = TransitHarness.B64($"message {i}");
            if (type is "aes256-gcm96" or "chacha20-poly1305" or "rsa-2048")
            {
                var ciphertext = (await _t.WriteAsync($"encrypt/{type}", new { plaintext = message })).GetProperty("ciphertext").GetString();
                Assert.Equal(message, (await _t.WriteAsync($"decrypt/{type}", new { ciphertext })).GetProperty("plaintext").GetString());
            }

            if (type is not ("aes256-gcm96" or "chacha20-poly1305"))
            {
                var signature = (await _t.WriteAsync($"sign/{type}", new { input = message })).GetProperty("signature").GetString();
                Assert.True((await _t.WriteAsync($"verify/{type}", new { input = message, signature })).GetProperty("valid").GetBoolean());
            }
        });
    }
}
