using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.Samples.Passwords.Tests;

/// <summary>The sample engine through a real server on Kestrel, registered by its one line.</summary>
public sealed class PasswordsHttpTests
{
    [Fact]
    public async Task MountedEngine_StoresAPolicy_GeneratesAndAnswersVaultsErrorEnvelope()
    {
        await using var server = await TestServer.StartInMemoryAsync(services: services => services.AddPasswordsSample());
        var root = await server.InitAndUnsealAsync();

        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/pw", new { type = "passwords" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Post, "v1/pw/policies/db", new { length = 24, charset = "xyz" }, HttpStatusCode.NoContent);
        var generated = await ExpectAsync(server, root, HttpMethod.Get, "v1/pw/generate/db", null, HttpStatusCode.OK);
        var password = generated.GetProperty("data").GetProperty("password").GetString()!;

        Assert.Equal(24, password.Length);
        Assert.All(password, c => Assert.Contains(c, "xyz"));
        Assert.Equal("passwords", (await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.OK))
            .GetProperty("data").GetProperty("pw/").GetProperty("type").GetString());
        Assert.Equal(["length must be between 8 and 128"],
            await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/pw/policies/short", new { length = 4 }));
        await ExpectAsync(server, root, HttpMethod.Get, "v1/pw/policies/short", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DefaultServer_DoesNotMountTheSample()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();

        Assert.Equal(["plugin not found in the catalog: passwords"],
            await ExpectErrorsAsync(server, root, HttpMethod.Post, "v1/sys/mounts/pw", new { type = "passwords" }));
    }
}
