using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Transit;

/// <summary>Transit refusals with Vault's status codes and words, through real HTTP.</summary>
public sealed class TransitVaultAnswersTests
{
    [Fact]
    public async Task MissingKey_ConfigRotateTrimDelete_Are400WithVaultsMessages_ReadAndExportAre404()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;

        Assert.Equal(["no existing key named none could be found"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/keys/none/config", new { deletion_allowed = true }));
        Assert.Equal(["key not found"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/keys/none/rotate", new { }));
        Assert.Equal(["invalid key name"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/keys/none/trim", new { min_available_version = 1 }));
        Assert.Equal(["error deleting policy none: could not delete key; not found"], await ExpectErrorsAsync(server, root, HttpMethod.Delete, "v1/transit/keys/none", null));
        await ExpectAsync(server, root, HttpMethod.Get, "v1/transit/keys/none", null, HttpStatusCode.NotFound);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/transit/export/encryption-key/none", null, HttpStatusCode.NotFound);

        // None of them made the key.
        await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/transit/keys", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RandomHashAndDatakey_RefuseWithVaultsMessages()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;

        Assert.Equal(["\"bytes\" cannot be less than 1"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/random/0", new { }));
        Assert.Equal(["\"bytes\" cannot be less than 1"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/random", new { bytes = -5 }));
        Assert.Equal(["\"bytes\" should be less than 131072"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/random/131073", new { }));
        Assert.Equal(["unsupported encoding format \"b32\"; must be \"hex\" or \"base64\""], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/random", new { format = "b32" }));
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/random/131072", new { }, HttpStatusCode.OK);

        // datakey: the path's type, then the key, then the bits.
        Assert.Equal(["Invalid path, must be 'plaintext' or 'wrapped'"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/datakey/raw/none", new { bits = 100 }));
        Assert.Equal(["encryption key not found"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/datakey/plaintext/none", new { bits = 100 }));
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k", new { }, HttpStatusCode.OK);
        Assert.Equal(["invalid bit length"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/datakey/plaintext/k", new { bits = 100 }));

        // Vault checks the input before the format and the algorithm.
        Assert.Equal(["input missing"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/hash/md5", new { format = "octal" }));
    }

    [Fact]
    public async Task BackupRefusals_AndRestoreOntoAnExistingKeyWithoutForce_Are500AsInVault()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/sealed-in", new { }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k", new { exportable = true }, HttpStatusCode.OK);

        // Vault's transit returns these as plain errors, which Vault's core answers with 500 (same messages).
        Assert.Equal(["plaintext backup is disallowed on the policy"], await ExpectErrorsAsync(server, root, HttpMethod.Get, "v1/transit/backup/k", null, HttpStatusCode.InternalServerError));
        Assert.Equal(["exporting is disallowed on the policy"], await ExpectErrorsAsync(server, root, HttpMethod.Get, "v1/transit/backup/sealed-in", null, HttpStatusCode.InternalServerError));
        Assert.Equal(["key \"none\" not found"], await ExpectErrorsAsync(server, root, HttpMethod.Get, "v1/transit/backup/none", null, HttpStatusCode.InternalServerError));

        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/config", new { allow_plaintext_backup = true }, HttpStatusCode.OK);
        var backup = (await ExpectAsync(server, root, HttpMethod.Get, "v1/transit/backup/k", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("backup").GetString();
        Assert.Equal(["key \"k\" already exists"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/restore", new { backup }, HttpStatusCode.InternalServerError));
        Assert.Equal(["key \"k\" already exists"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/restore/k", new { backup }, HttpStatusCode.InternalServerError));

        // What Vault accepts is unchanged.
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/restore", new { backup, force = true }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/restore/copy", new { backup }, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task KeyConfig_ZeroMinDecryptionIsOne_NegativesRefused_OneWayFlagsStaySet_AsInVault()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k", new { exportable = true }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/rotate", new { }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/config", new { min_decryption_version = 2 }, HttpStatusCode.OK);

        Assert.Equal(["min decryption version cannot be negative"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/config", new { min_decryption_version = -1 }));
        Assert.Equal(["min encryption version cannot be negative"], await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/config", new { min_encryption_version = -1 }));
        Assert.Equal(["cannot set min encryption/decryption values; min encryption version of 1 must be greater than or equal to min decryption version of 2"],
            await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/config", new { min_encryption_version = 1 }));

        // 0 is Vault's 1, with its warning; the flags that only go one way stay set when asked to unset.
        var zero = await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/config", new { min_decryption_version = 0, exportable = false }, HttpStatusCode.OK);
        Assert.Equal(1, zero.GetProperty("data").GetProperty("min_decryption_version").GetInt32());
        Assert.True(zero.GetProperty("data").GetProperty("exportable").GetBoolean());
        Assert.Equal(["since Vault 0.3, transit key numbering starts at 1; forcing minimum to 1"], zero.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Trim_RefusesInVaultsOrderAndWords()
    {
        var (server, root) = await StartAsync();
        await using var _ = server;
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k", new { }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/rotate", new { }, HttpStatusCode.OK);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/rotate", new { }, HttpStatusCode.OK);
        const string trim = "v1/transit/keys/k/trim";

        Assert.Equal(["missing min_available_version"], await ExpectErrorsAsync(server, root, HttpMethod.Post, trim, new { }));
        Assert.Equal(["minimum available version cannot be set when minimum encryption version is not set"], await ExpectErrorsAsync(server, root, HttpMethod.Post, trim, new { min_available_version = 2 }));
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/config", new { min_encryption_version = 2 }, HttpStatusCode.OK);
        Assert.Equal(["minimum available version cannot be greater than minmum encryption version"], await ExpectErrorsAsync(server, root, HttpMethod.Post, trim, new { min_available_version = 3 }));
        Assert.Equal(["minimum available version cannot be greater than minimum decryption version"], await ExpectErrorsAsync(server, root, HttpMethod.Post, trim, new { min_available_version = 2 }));
        Assert.Equal(["minimum available version should be positive"], await ExpectErrorsAsync(server, root, HttpMethod.Post, trim, new { min_available_version = 0 }));
        await ExpectAsync(server, root, HttpMethod.Post, "v1/transit/keys/k/config", new { min_decryption_version = 2 }, HttpStatusCode.OK);
        Assert.Equal(2, (await ExpectAsync(server, root, HttpMethod.Post, trim, new { min_available_version = 2 }, HttpStatusCode.OK)).GetProperty("data").GetProperty("min_available_version").GetInt32());
        Assert.Equal(["minimum available version cannot be decremented"], await ExpectErrorsAsync(server, root, HttpMethod.Post, trim, new { min_available_version = -1 }));
    }

    private static async Task<(TestServer Server, string Root)> StartAsync()
    {
        var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
        return (server, root);
    }
}
