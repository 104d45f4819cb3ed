using SecretVault.Plugins.Auth.UserPass.Tests.Support;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Auth.UserPass.Tests;

/// <summary>What the core's user lockout learns from a userpass login: its alias, and which failures are wrong credentials.</summary>
public sealed class UserPassLoginAliasTests
{
    private const string Password = "s3cret-Pa55";

    private readonly InMemoryStorage _storage = new();
    private readonly UserPassBackend _backend = new(bcryptCost: 4);

    [Theory]
    [InlineData("login/alice", "alice")]
    [InlineData("login/Alice", "alice")]
    [InlineData("login/ alice", "alice")]
    [InlineData("login/ALICE ", "alice")]
    [InlineData("login/-invalid-", null)]
    [InlineData("login/alice\u200b", null)]
    [InlineData("users/alice", null)]
    public void LoginAliasOf_IsTheNameAsLoginNormalisesIt(string path, string? alias) =>
        Assert.Equal(alias, _backend.LoginAliasOf(Requests.Make(_storage, Operation.Update, path, new { password = Password })));

    [Theory]
    [InlineData("alice", "wrong", true)]
    [InlineData("nobody", Password, true)]
    [InlineData("alice", "", false)]
    public async Task Login_OnlyAWrongPasswordOrUnknownUser_IsAnInvalidCredential(string user, string password, bool invalidCredentials)
    {
        Assert.Null(await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Create, "users/alice", new { password = Password })));
        var error = await Assert.ThrowsAsync<LogicalException>(() => _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Update, $"login/{user}", new { password })));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(invalidCredentials, error.IsInvalidCredentials);
    }

    [Fact]
    public async Task Login_RefusedByTheTokensCidrs_IsNoInvalidCredential()
    {
        Assert.Null(await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Create, "users/alice", new { password = Password, token_bound_cidrs = "10.0.0.0/8" })));
        var error = await Assert.ThrowsAsync<LogicalException>(() => _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Update, "login/alice", new { password = Password })));
        Assert.Equal(403, error.StatusCode);
        Assert.False(error.IsInvalidCredentials);
    }
}
