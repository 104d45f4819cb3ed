using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Transit;

/// <summary>Transit backup and restore refusals answer with Vault's status codes through real HTTP.</summary>
public sealed class TransitBackupStatusTests
{
    [Fact]
    public async Task BackupRefusals_AndRestoreOntoAnExistingKeyWithoutForce_Are500AsInVault()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
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
}
