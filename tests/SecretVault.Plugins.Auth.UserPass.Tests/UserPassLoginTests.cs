using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SecretVault.Plugins.Auth.UserPass.Tests.Support;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Plugins.Auth.UserPass.Tests;

public sealed class UserPassLoginTests
{
    private const string Password = "s3cret-Pa55";

    private readonly InMemoryStorage _storage = new();
    private readonly UserPassBackend _backend = new(bcryptCost: 4);

    [Fact]
    public async Task Login_RightPassword_ReturnsAuthFromUserSettings()
    {
        await CreateAsync("alice", new
        {
            password = Password,
            token_policies = "dev,ops",
            token_ttl = "1h",
            token_max_ttl = "2h",
            token_explicit_max_ttl = "3h",
            token_period = "0",
            token_num_uses = 7,
            token_no_default_policy = true,
            token_type = "service",
            token_bound_cidrs = "127.0.0.0/8",
        });

        var response = await LoginAsync("Alice", new { password = Password });

        Assert.Null(response.Data);
        var auth = Assert.IsType<AuthResult>(response.Auth);
        Assert.Equal(["dev", "ops"], auth.Policies);
        Assert.Equal(new Dictionary<string, string> { ["username"] = "alice" }, auth.Metadata);
        Assert.Equal("alice", auth.DisplayName);
        Assert.Equal("alice", auth.AliasName);
        Assert.Equal(TimeSpan.FromHours(1), auth.Ttl);
        Assert.Equal(TimeSpan.FromHours(2), auth.MaxTtl);
        Assert.Equal(TimeSpan.FromHours(3), auth.ExplicitMaxTtl);
        Assert.Equal(TimeSpan.Zero, auth.Period);
        Assert.Equal(7, auth.NumUses);
        Assert.True(auth.NoDefaultPolicy);
        Assert.True(auth.Renewable);
        Assert.Equal("service", auth.TokenType);
        Assert.Equal(["127.0.0.0/8"], auth.BoundCidrs);
    }

    [Fact]
    public async Task Login_DefaultSettings_LeaveTtlToTheMount()
    {
        await CreateAsync("bob", new { password = Password });
        var auth = (await LoginAsync("bob", new { password = Password })).Auth!;
        Assert.Equal(TimeSpan.Zero, auth.Ttl);
        Assert.Empty(auth.Policies);
        Assert.Equal("default", auth.TokenType);
        Assert.False(auth.NoDefaultPolicy);
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("alice", "s3cret-Pa5")]
    [InlineData("alice", "S3CRET-PA55")]
    [InlineData("nobody", Password)]
    [InlineData("-invalid-", Password)]
    public async Task Login_WrongPasswordOrUnknownUser_SameError(string user, string password)
    {
        await CreateAsync("alice", new { password = Password });
        var error = await Assert.ThrowsAsync<LogicalException>(() => LoginAsync(user, new { password }));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(["invalid username or password"], error.Errors);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"password":""}""")]
    [InlineData("""{"password":null}""")]
    public async Task Login_MissingPassword_Is400(string json)
    {
        await CreateAsync("alice", new { password = Password });
        var request = Requests.Make(_storage, Operation.Update, "login/alice") with { Data = PluginRequests.Parse(json) };
        var error = await Assert.ThrowsAsync<LogicalException>(() => _backend.HandleRequestAsync(request));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(["missing password"], error.Errors);
    }

    [Fact]
    public async Task Login_PasswordWithJsonEscapes_MatchesTheUnescapedText()
    {
        const string tricky = "p\"ss\\w\u00f6rd \u263a\n";
        await CreateAsync("alice", new { password = tricky });
        Assert.NotNull((await LoginAsync("alice", new { password = tricky })).Auth);
        await Assert.ThrowsAsync<LogicalException>(() => LoginAsync("alice", new { password = tricky.TrimEnd() }));
    }

    [Fact]
    public async Task Login_NumericPassword_IsTakenAsText()
    {
        await CreateAsync("alice", new { password = "123456" });
        var request = Requests.Make(_storage, Operation.Update, "login/alice") with { Data = PluginRequests.Parse("""{"password":123456}""") };
        Assert.NotNull((await _backend.HandleRequestAsync(request))!.Auth);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData(null, false)]
    public async Task Login_TokenBoundCidrs_AlsoBindTheLogin(string? remote, bool allowed)
    {
        await CreateAsync("alice", new { password = Password, token_bound_cidrs = "10.0.0.0/8" });
        var request = Requests.Make(_storage, Operation.Update, "login/alice", new { password = Password }, remote);
        if (allowed)
        {
            Assert.NotNull((await _backend.HandleRequestAsync(request))!.Auth);
        }
        else
        {
            var error = await Assert.ThrowsAsync<LogicalException>(() => _backend.HandleRequestAsync(request));
            Assert.Equal(403, error.StatusCode);
        }
    }

    [Fact]
    public async Task Login_StoredEntryCarryingRoot_IsRefused()
    {
        // An entry written around the API (a restored backup, an older version) must still not yield root.
        var forged = new UserEntry
        {
            PasswordHash = _backend.Hasher.Hash(Encoding.UTF8.GetBytes(Password)),
            Token = new TokenSettings { TokenPolicies = ["Root"] },
        };
        await _storage.PutAsync("user/mallory", JsonSerializer.SerializeToUtf8Bytes(forged));
        var error = await Assert.ThrowsAsync<LogicalException>(() => LoginAsync("mallory", new { password = Password }));
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task Login_IsUnauthenticatedPath()
    {
        Assert.Contains("login/*", _backend.UnauthenticatedPaths);
        await CreateAsync("alice", new { password = Password });
        var request = Requests.Make(_storage, Operation.Update, "login/alice", new { password = Password }) with { ClientToken = null };
        Assert.NotNull((await _backend.HandleRequestAsync(request))!.Auth);
    }

    [Fact]
    public async Task Login_UnknownUserAndWrongPassword_TakeComparableTime()
    {
        // Cost 6 makes bcrypt dominate (a few ms); without the dummy hash an unknown user answers in
        // microseconds and the ratio is in the hundreds (CVE-2025-6011).
        var backend = new UserPassBackend(bcryptCost: 6);
        await backend.HandleRequestAsync(Requests.Make(_storage, Operation.Create, "users/alice", new { password = Password }));
        backend.Hasher.Prepare();

        var wrong = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            wrong.Add(await TimeFailedLoginAsync(backend, "alice"));
            unknown.Add(await TimeFailedLoginAsync(backend, "nobody"));
        }

        var ratio = Median(wrong) / Median(unknown);
        Assert.InRange(ratio, 0.5, 2.0);
    }

    private async Task<double> TimeFailedLoginAsync(UserPassBackend backend, string user)
    {
        var request = Requests.Make(_storage, Operation.Update, $"login/{user}", new { password = "not-the-password" });
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<LogicalException>(() => backend.HandleRequestAsync(request));
        watch.Stop();
        Assert.Equal(["invalid username or password"], error.Errors);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private async Task CreateAsync(string user, object body) =>
        Assert.Null(await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Create, $"users/{user}", body)));

    private async Task<LogicalResponse> LoginAsync(string user, object body) =>
        (await _backend.HandleRequestAsync(Requests.Make(_storage, Operation.Update, $"login/{user}", body)))!;
}
