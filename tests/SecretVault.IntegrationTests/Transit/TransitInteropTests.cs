using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Transit;

/// <summary>
/// What the engine makes, checked by independent implementations: signatures by the openssl CLI on exported public
/// keys, ciphertexts by .NET's AesGcm with the exported key, ML-DSA signatures by BouncyCastle's verifier.
/// </summary>
public sealed class TransitInteropTests : IAsyncLifetime
{
    private const string Message = "ship release 1.2.3";
    private static readonly string Input = Convert.ToBase64String(Encoding.UTF8.GetBytes(Message));
    private readonly string _work = Directory.CreateTempSubdirectory("sv-transit-").FullName;
    private TestServer _server = null!;
    private string _root = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartInMemoryAsync();
        _root = await _server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Theory]
    [InlineData("ecdsa-p256", "sha2-256", "-sha256")]
    [InlineData("ecdsa-p384", "sha2-384", "-sha384")]
    [InlineData("ecdsa-p521", "sha2-512", "-sha512")]
    public async Task EcdsaSignature_VerifiesWithOpenSsl(string type, string hash, string opensslDigest)
    {
        var publicKey = await CreateAndExportPublicKeyAsync("ec", type);
        var signature = await SignAsync("ec", new { input = Input, hash_algorithm = hash });
        Assert.Equal("Verified OK", await OpenSslVerifyAsync(publicKey, signature, ["dgst", opensslDigest]));
        Assert.Null(await OpenSslVerifyAsync(publicKey, signature, ["dgst", opensslDigest], tamper: true));
    }

    [Theory]
    [InlineData("pss", "auto")]
    [InlineData("pss", "hash")]
    [InlineData("pkcs1v15", "auto")]
    public async Task RsaSignature_VerifiesWithOpenSsl(string padding, string saltLength)
    {
        var publicKey = await CreateAndExportPublicKeyAsync("rsa", "rsa-2048");
        var signature = await SignAsync("rsa", new { input = Input, signature_algorithm = padding, salt_length = saltLength });
        string[] options = padding == "pss" ? ["dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:auto"] : ["dgst", "-sha256"];
        Assert.Equal("Verified OK", await OpenSslVerifyAsync(publicKey, signature, options));
        Assert.Null(await OpenSslVerifyAsync(publicKey, signature, options, tamper: true));
    }

    [Fact]
    public async Task Ed25519Signature_VerifiesWithOpenSsl()
    {
        var raw = Convert.FromBase64String(await CreateAndExportPublicKeyAsync("ed", "ed25519"));
        Assert.Equal(32, raw.Length);
        // SubjectPublicKeyInfo for Ed25519 (RFC 8410): a fixed 12-byte header, then the raw key.
        var publicKey = PemEncoding.WriteString("PUBLIC KEY", [.. Convert.FromHexString("302a300506032b6570032100"), .. raw]);
        var signature = await SignAsync("ed", new { input = Input });
        Assert.Equal("Signature Verified Successfully", await OpenSslVerifyAsync(publicKey, signature, ["pkeyutl", "-rawin"]));
        Assert.Null(await OpenSslVerifyAsync(publicKey, signature, ["pkeyutl", "-rawin"], tamper: true));
    }

    [Theory]
    [InlineData("aes256-gcm96", 32)]
    [InlineData("aes128-gcm96", 16)]
    public async Task AesGcmCiphertext_DecryptsWithDotNetAesGcm_UnderTheExportedKey(string type, int keyLength)
    {
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/transit/keys/aes", new { type, exportable = true }, HttpStatusCode.OK);
        var aad = Encoding.UTF8.GetBytes("order 7");
        var encrypted = await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/transit/encrypt/aes",
            new { plaintext = Input, associated_data = Convert.ToBase64String(aad) }, HttpStatusCode.OK);
        var ciphertext = encrypted.GetProperty("data").GetProperty("ciphertext").GetString()!;
        var exported = await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Get, "v1/transit/export/encryption-key/aes/1", null, HttpStatusCode.OK);
        var key = Convert.FromBase64String(exported.GetProperty("data").GetProperty("keys").GetProperty("1").GetString()!);
        Assert.Equal(keyLength, key.Length);

        // Vault's layout inside the base64: nonce (12) | ciphertext | tag (16).
        var raw = Convert.FromBase64String(ciphertext["vault:v1:".Length..]);
        var plaintext = new byte[raw.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(raw.AsSpan(0, 12), raw.AsSpan(12, plaintext.Length), raw.AsSpan(12 + plaintext.Length), plaintext, aad);
        Assert.Equal(Message, Encoding.UTF8.GetString(plaintext));
    }

    [Theory]
    [InlineData("ml-dsa-44")]
    [InlineData("ml-dsa-65")]
    [InlineData("ml-dsa-87")]
    public async Task MlDsaSignature_VerifiesWithBouncyCastle_OnThePublicKeyFromKeyRead(string type)
    {
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/transit/keys/pq", new { type }, HttpStatusCode.OK);
        var read = await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Get, "v1/transit/keys/pq", null, HttpStatusCode.OK);
        var encoded = Convert.FromBase64String(read.GetProperty("data").GetProperty("keys").GetProperty("1").GetProperty("public_key").GetString()!);
        var parameters = type switch { "ml-dsa-44" => MLDsaParameters.ml_dsa_44, "ml-dsa-65" => MLDsaParameters.ml_dsa_65, _ => MLDsaParameters.ml_dsa_87 };
        var publicKey = MLDsaPublicKeyParameters.FromEncoding(parameters, encoded);
        var signature = await SignAsync("pq", new { input = Input });

        Assert.True(Verify(publicKey, parameters, Encoding.UTF8.GetBytes(Message), signature));
        Assert.False(Verify(publicKey, parameters, Encoding.UTF8.GetBytes(Message + "!"), signature));
    }

    private static bool Verify(MLDsaPublicKeyParameters key, MLDsaParameters parameters, byte[] message, byte[] signature)
    {
        var verifier = new MLDsaSigner(parameters, deterministic: false);
        verifier.Init(false, key);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    private async Task<string> CreateAndExportPublicKeyAsync(string name, string type)
    {
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, $"v1/transit/keys/{name}", new { type }, HttpStatusCode.OK);
        var exported = await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Get, $"v1/transit/export/public-key/{name}/latest", null, HttpStatusCode.OK);
        return exported.GetProperty("data").GetProperty("keys").GetProperty("1").GetString()!;
    }

    private async Task<byte[]> SignAsync(string name, object body)
    {
        var signed = await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, $"v1/transit/sign/{name}", body, HttpStatusCode.OK);
        var signature = signed.GetProperty("data").GetProperty("signature").GetString()!;
        Assert.StartsWith("vault:v1:", signature, StringComparison.Ordinal);
        return Convert.FromBase64String(signature["vault:v1:".Length..]);
    }

    /// <summary>Runs openssl's verifier; its first output line on success, null when it rejects the signature.</summary>
    private async Task<string?> OpenSslVerifyAsync(string publicKeyPem, byte[] signature, string[] command, bool tamper = false)
    {
        var pem = Path.Combine(_work, "public.pem");
        var sig = Path.Combine(_work, "signature.bin");
        var data = Path.Combine(_work, "data.bin");
        await File.WriteAllTextAsync(pem, publicKeyPem);
        await File.WriteAllBytesAsync(sig, signature);
        await File.WriteAllTextAsync(data, tamper ? Message + "?" : Message);

        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command)
        {
            info.ArgumentList.Add(argument);
        }

        string[] rest = command[0] == "pkeyutl"
            ? ["-verify", "-pubin", "-inkey", pem, "-in", data, "-sigfile", sig]
            : ["-verify", pem, "-signature", sig, data];
        foreach (var argument in rest)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? stdout.Trim() : null;
    }
}
