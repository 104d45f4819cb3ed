using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Mounts;

/// <summary>Vault's mount alias <c>generic</c> (the old name of <c>kv</c>) through real HTTP.</summary>
public sealed class MountAliasTests
{
    [Fact]
    public async Task Generic_MountsAKvV1Engine_KeepsItsTypeName_AndRefusesAVersionOption()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/old", new { type = "generic" }, HttpStatusCode.NoContent);

        // As Vault: the mount table keeps "generic"; a kv version 1 engine (no version option) serves it.
        var mount = (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("old/");
        Assert.Equal("generic", mount.GetProperty("type").GetString());
        Assert.StartsWith("generic_", mount.GetProperty("accessor").GetString(), StringComparison.Ordinal);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/old/db", new { password = "p" }, HttpStatusCode.NoContent);
        Assert.Equal("p", (await ExpectAsync(server, root, HttpMethod.Get, "v1/old/db", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("password").GetString());

        Assert.Equal(["secrets engine \"generic\" does not allow setting a version"],
            await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/mounts/other", new { type = "generic", options = new { version = "2" } }));
        var mounts = (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.False(mounts.TryGetProperty("other/", out _));
    }

    [Fact]
    public async Task Generic_TunesToVersion2LikeKv_AndCannotGoBack()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/old", new { type = "generic" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/old/db", new { password = "p" }, HttpStatusCode.NoContent);

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/old/tune", new { options = new { version = "2" } }, HttpStatusCode.NoContent);
        var read = await ExpectAsync(server, root, HttpMethod.Get, "v1/old/data/db", null, HttpStatusCode.OK);
        Assert.Equal("p", read.GetProperty("data").GetProperty("data").GetProperty("password").GetString());
        Assert.Equal(["cannot downgrade mount from version 2"],
            await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/mounts/old/tune", new { options = new { version = "1" } }));
    }
}
