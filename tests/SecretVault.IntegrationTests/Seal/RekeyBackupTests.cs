using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Seal;

/// <summary><c>sys/rekey/backup</c> and <c>sys/rekey/recovery-key-backup</c> over real HTTP.</summary>
public sealed class RekeyBackupTests
{
    [Theory]
    [InlineData("v1/sys/rekey/backup")]
    [InlineData("v1/sys/rekey/recovery-key-backup")]
    public async Task Backup_WhenNoneWasKept_ReadIs400AsVault_DeleteIs204_AndBothNeedSudo(string path)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        // Without PGP no rekey keeps a backup: Vault's answers for that case.
        Assert.Equal(["no backed-up keys found"], await ExpectErrorsAsync(server, root, HttpMethod.Get, path, null));
        await ExpectAsync(server, root, HttpMethod.Delete, path, null, HttpStatusCode.NoContent);

        // Under sys/rekey/ as the other rekey paths, which need sudo here.
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/rekey-no-sudo", new { policy = "path \"sys/rekey/*\" { capabilities = [\"read\", \"delete\"] }" }, HttpStatusCode.NoContent);
        var token = await CreateTokenAsync(server, root, new { policies = new[] { "rekey-no-sudo" } });
        await ExpectAsync(server, token, HttpMethod.Get, path, null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, token, HttpMethod.Delete, path, null, HttpStatusCode.Forbidden);
    }
}
