using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>
/// One server for the table of <see cref="TokenIssuanceInvariantTests"/>: a caller that may use every create path
/// and holds <c>creator</c>, <c>a</c> and <c>default</c>; a caller with sudo on <c>auth/token/create</c>; userpass and approle.
/// </summary>
public sealed class TokenIssuanceFixture : IAsyncLifetime
{
    public const string CreatorPolicy = """
        path "auth/token/create" { capabilities = ["update"] }
        path "auth/token/create-orphan" { capabilities = ["update"] }
        path "auth/token/create/*" { capabilities = ["update"] }
        """;

    public const string SudoCreatorPolicy = """
        path "auth/token/create" { capabilities = ["update", "sudo"] }
        path "auth/token/create-orphan" { capabilities = ["update"] }
        """;

    public TestServer Server { get; private set; } = null!;

    public string Root { get; private set; } = "";

    /// <summary>Holds <c>creator</c>, <c>a</c> and <c>default</c>; no sudo anywhere.</summary>
    public string Caller { get; private set; } = "";

    public IReadOnlyList<string> CallerPolicies { get; } = ["a", "creator", "default"];

    /// <summary>Holds <c>sudo-creator</c>, <c>a</c> and <c>default</c>: sudo on <c>auth/token/create</c> only (update on <c>create-orphan</c>).</summary>
    public string SudoCaller { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartInMemoryAsync();
        Root = await Server.InitAndUnsealAsync();
        await ExpectAsync(Server, Root, HttpMethod.Put, "v1/sys/policies/acl/creator", new { policy = CreatorPolicy }, HttpStatusCode.NoContent);
        await ExpectAsync(Server, Root, HttpMethod.Put, "v1/sys/policies/acl/sudo-creator", new { policy = SudoCreatorPolicy }, HttpStatusCode.NoContent);
        foreach (var name in new[] { "a", "b", "admin", "team-x", "ops-admin" })
        {
            await ExpectAsync(Server, Root, HttpMethod.Put, $"v1/sys/policies/acl/{name}", new { policy = $"path \"{name}/*\" {{ capabilities = [\"read\"] }}" }, HttpStatusCode.NoContent);
        }

        Caller = await CreateTokenAsync(Server, Root, new { policies = new[] { "creator", "a" } });
        SudoCaller = await CreateTokenAsync(Server, Root, new { policies = new[] { "sudo-creator", "a" } });
        await ExpectAsync(Server, Root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
        await ExpectAsync(Server, Root, HttpMethod.Post, "v1/sys/auth/approle", new { type = "approle" }, HttpStatusCode.NoContent);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
