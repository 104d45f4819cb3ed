using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core.System;
using SecretVault.Core.Tokens;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Policies;

/// <summary>
/// security.md T-A4: every root-protected route refuses a token that holds every capability but <c>sudo</c>, and
/// serves one with <c>sudo</c>. The list below must name every root path the code declares, and only those.
/// </summary>
public sealed class RootProtectedPathsTests
{
    // (the declared pattern, relative to its mount; a request that exercises it)
    private static readonly (string Mount, string Pattern, HttpMethod Method, string Path, object? Body)[] Routes =
    [
        ("sys/", "rotate", HttpMethod.Put, "v1/sys/rotate", null),
        ("sys/", "rotate/keyring", HttpMethod.Put, "v1/sys/rotate/keyring", null),
        ("sys/", "auth/*", HttpMethod.Post, "v1/sys/auth/people", new { type = "userpass" }),
        ("sys/", "remount", HttpMethod.Post, "v1/sys/remount", new { from = "kv-a", to = "kv-b" }),
        ("sys/", "leases/lookup/*", new HttpMethod("LIST"), "v1/sys/leases/lookup/auth/", null),
        ("sys/", "leases/revoke-prefix/*", HttpMethod.Put, "v1/sys/leases/revoke-prefix/nothing/", new { }),
        ("sys/", "leases/revoke-force/*", HttpMethod.Put, "v1/sys/leases/revoke-force/nothing/", new { }),
        ("sys/", "revoke-prefix/*", HttpMethod.Put, "v1/sys/revoke-prefix/nothing/", new { }),
        ("sys/", "revoke-force/*", HttpMethod.Put, "v1/sys/revoke-force/nothing/", new { }),
        ("sys/", "leases", HttpMethod.Get, "v1/sys/leases?type=irrevocable", null),
        ("sys/", "leases/count", HttpMethod.Get, "v1/sys/leases/count?type=irrevocable", null),
        ("sys/", "generate-root/*", HttpMethod.Get, "v1/sys/generate-root/attempt", null),
        ("sys/", "rekey/*", HttpMethod.Get, "v1/sys/rekey/init", null),
        ("sys/", "config/state/sanitized", HttpMethod.Get, "v1/sys/config/state/sanitized", null),
        ("sys/", "host-info", HttpMethod.Get, "v1/sys/host-info", null),
        ("auth/token/", "revoke-orphan", HttpMethod.Post, "v1/auth/token/revoke-orphan", new { token = "hvs.nothing" }),
        ("auth/token/", "revoke-orphan/*", HttpMethod.Post, "v1/auth/token/revoke-orphan/hvs.nothing", new { }),
        ("auth/token/", "accessors/", new HttpMethod("LIST"), "v1/auth/token/accessors", null),
    ];

    [Fact]
    public async Task EveryRootPath_RefusesAllCapabilitiesButSudo_AndServesSudo()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/kv-a", new { type = "kv" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/all-but-sudo", new { policy = "path \"*\" { capabilities = [\"create\", \"read\", \"update\", \"patch\", \"delete\", \"list\"] }" }, HttpStatusCode.NoContent);
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/with-sudo", new { policy = "path \"*\" { capabilities = [\"create\", \"read\", \"update\", \"patch\", \"delete\", \"list\", \"sudo\"] }" }, HttpStatusCode.NoContent);
        var almost = await CreateTokenAsync(server, root, new { policies = new[] { "all-but-sudo" } });
        var sudo = await CreateTokenAsync(server, root, new { policies = new[] { "with-sudo" } });

        foreach (var (_, pattern, method, path, body) in Routes)
        {
            var refused = await SendAsync(server, almost, method, path, body);
            Assert.True(refused == HttpStatusCode.Forbidden, $"{method} {path} ({pattern}) without sudo: {(int)refused}");
            var served = await SendAsync(server, sudo, method, path, body);
            Assert.True(served is not HttpStatusCode.Forbidden and < HttpStatusCode.InternalServerError, $"{method} {path} ({pattern}) with sudo: {(int)served}");
        }

        // sys/seal is root-protected by the core itself (it is answered before routing); it goes last.
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(server, almost, HttpMethod.Put, "v1/sys/seal", null));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(server, sudo, HttpMethod.Put, "v1/sys/seal", null));
    }

    [Fact]
    public async Task TheListNamesEveryRootPathTheCodeDeclares()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var declared = server.Host.Services.GetRequiredService<SystemBackend>().RootPaths.Select(p => "sys/" + p)
            .Concat(server.Host.Services.GetRequiredService<TokenBackend>().RootPaths.Select(p => "auth/token/" + p))
            .Order(StringComparer.Ordinal);
        var tested = Routes.Select(r => r.Mount + r.Pattern).Order(StringComparer.Ordinal);
        Assert.Equal(declared, tested);
    }

    private static async Task<HttpStatusCode> SendAsync(TestServer server, string token, HttpMethod method, string path, object? body)
    {
        using var response = await server.Http.SendAsync(TestServer.Request(method, path, token, body));
        return response.StatusCode;
    }
}
