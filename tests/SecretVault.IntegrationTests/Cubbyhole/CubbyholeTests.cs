using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core.Barrier;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Testing.Time;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Cubbyhole;

/// <summary><c>cubbyhole/</c>: mounted at init, private to each token, destroyed with it.</summary>
public sealed class CubbyholeTests
{
    [Fact]
    public async Task Cubbyhole_IsPrivatePerToken_EvenFromRoot_AndDestroyedOnRevoke()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        var mounts = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.OK);
        Assert.Equal("cubbyhole", mounts.GetProperty("data").GetProperty("cubbyhole/").GetProperty("type").GetString());
        Assert.True(mounts.GetProperty("data").GetProperty("cubbyhole/").GetProperty("local").GetBoolean());

        var alice = await CreateTokenAsync(server, root, new { policies = new[] { "default" } });
        var bob = await CreateTokenAsync(server, root, new { policies = new[] { "default" } });
        await ExpectAsync(server, alice, HttpMethod.Put, "v1/cubbyhole/note", new { text = "alice only" }, HttpStatusCode.NoContent);
        var read = await ExpectAsync(server, alice, HttpMethod.Get, "v1/cubbyhole/note", null, HttpStatusCode.OK);
        Assert.Equal("alice only", read.GetProperty("data").GetProperty("text").GetString());
        var list = await ExpectAsync(server, alice, new HttpMethod("LIST"), "v1/cubbyhole", null, HttpStatusCode.OK);
        Assert.Equal(["note"], list.GetProperty("data").GetProperty("keys").EnumerateArray().Select(k => k.GetString()));

        await ExpectAsync(server, bob, HttpMethod.Get, "v1/cubbyhole/note", null, HttpStatusCode.NotFound);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/cubbyhole/note", null, HttpStatusCode.NotFound);

        var barrier = server.Host.Services.GetRequiredService<ISecurityBarrier>();
        Assert.NotEmpty(await barrier.ListAsync("cubbyhole/"));
        await ExpectAsync(server, root, HttpMethod.Post, "v1/auth/token/revoke", new { token = alice }, HttpStatusCode.NoContent);
        Assert.Empty(await barrier.ListAsync("cubbyhole/"));
    }

    [Fact]
    public async Task Cubbyhole_IsDestroyedWhenItsTokenExpires()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartInMemoryAsync(time: clock);
        var root = await server.InitAndUnsealAsync();
        var shortLived = await CreateTokenAsync(server, root, new { policies = new[] { "default" }, ttl = "1m" });
        await ExpectAsync(server, shortLived, HttpMethod.Put, "v1/cubbyhole/note", new { text = "gone soon" }, HttpStatusCode.NoContent);
        var barrier = server.Host.Services.GetRequiredService<ISecurityBarrier>();
        Assert.NotEmpty(await barrier.ListAsync("cubbyhole/"));

        clock.Advance(TimeSpan.FromMinutes(2));
        await ExpectAsync(server, shortLived, HttpMethod.Get, "v1/cubbyhole/note", null, HttpStatusCode.Forbidden);
        Assert.Empty(await barrier.ListAsync("cubbyhole/"));
    }

    [Fact]
    public async Task Cubbyhole_EmptyBodyIs500AsVault_MissingTargetsRead404AndDelete204()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        // Vault's cubbyhole answers an empty write with a plain error, which its core sends as 500; nothing is written.
        Assert.Equal(["missing data fields"], await ExpectErrorsAsync(server, root, HttpMethod.Put, "v1/cubbyhole/empty", new { }, HttpStatusCode.InternalServerError));
        await ExpectAsync(server, root, HttpMethod.Get, "v1/cubbyhole/empty", null, HttpStatusCode.NotFound);
        await ExpectAsync(server, root, new HttpMethod("LIST"), "v1/cubbyhole", null, HttpStatusCode.NotFound);
        await ExpectAsync(server, root, HttpMethod.Delete, "v1/cubbyhole/never", null, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Cubbyhole_CannotBeDisabledOrMountedAgain()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Delete, "v1/sys/mounts/cubbyhole", null, HttpStatusCode.BadRequest);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/other", new { type = "cubbyhole" }, HttpStatusCode.BadRequest);
    }
}
