using SecretVault.Core.Mounts;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;
using SecretVault.Testing.Plugins;

namespace SecretVault.Core.Tests.Tokens;

/// <summary>
/// The core's own check on what an auth method asks for: a plugin that skipped the Sdk's field parsing (or a stored
/// role written around it) still cannot have a root token minted by spelling "root" differently.
/// </summary>
public sealed class LoginTokenIssuerTests
{
    private static readonly MountEntry Mount = new() { Path = "approle/", Type = "approle", Kind = BackendKind.Auth, Uuid = "u", Accessor = "auth_approle_1" };

    private readonly InMemoryStorage _storage = new();
    private readonly TokenStore _tokens;
    private readonly LoginTokenIssuer _issuer;

    public LoginTokenIssuerTests()
    {
        _tokens = new TokenStore(_storage, TimeProvider.System);
        _issuer = new LoginTokenIssuer(_tokens, new VaultOptions(), TimeProvider.System);
    }

    [Theory]
    [InlineData("root")]
    [InlineData(" Root ")]
    [InlineData("ROOT")]
    [InlineData("\tr\u006fot\n")]
    [InlineData("\uff52\uff4f\uff4f\uff54")]
    [InlineData("\u24c7\u24c4\u24c4\u24c9")]
    public async Task IssueAsync_RootInAnySpelling_Is400AndMintsNothing(string policy)
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => _issuer.IssueAsync(Auth("dev", policy), Mount, "auth/approle/login"));

        Assert.Equal(400, error.StatusCode);
        Assert.Empty(await StorageTree.ListAllAsync(new StorageView(_storage, "sys/token/id/")));
    }

    [Fact]
    public async Task IssueAsync_OrdinaryPolicies_AreStoredNormalizedWithDefault()
    {
        var issued = await _issuer.IssueAsync(Auth(" Dev ", "OPS"), Mount, "auth/approle/login");

        var entry = await _tokens.LookupAsync(issued.ClientToken);
        Assert.Equal(["default", "dev", "ops"], entry!.Policies);
        Assert.False(entry.IsRoot);
    }

    private static AuthResult Auth(params string[] policies) => new() { Policies = policies, Ttl = TimeSpan.FromMinutes(5) };
}
