using System.Net;
using System.Text.Json;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;

namespace SecretVault.Samples.Passwords.Tests;

/// <summary>The sample engine driven directly, as the core drives it: routed requests over a mount's storage.</summary>
public sealed class PasswordsBackendTests
{
    private readonly InMemoryStorage _storage = new();
    private readonly ILogicalBackend _backend = new PasswordsBackendFactory().Create(new BackendContext { MountPoint = "passwords/" });

    [Fact]
    public async Task WritePolicy_ThenRead_AnswersItsSettings()
    {
        await SendAsync(Operation.Update, "policies/db", new { length = 12, charset = "abc" });

        var read = await SendAsync(Operation.Read, "policies/db");

        Assert.Equal(12, read!.Data!["length"]);
        Assert.Equal("abc", read.Data["charset"]);
    }

    [Fact]
    public async Task WritePolicy_WithoutFields_UsesTheDefaults()
    {
        await SendAsync(Operation.Update, "policies/db");

        var read = await SendAsync(Operation.Read, "policies/db");

        Assert.Equal(PasswordPolicyEntry.DefaultLength, read!.Data!["length"]);
        Assert.Equal(PasswordPolicyEntry.DefaultCharset, read.Data["charset"]);
    }

    [Fact]
    public async Task Generate_DrawsThePolicysLengthFromItsCharacters_AndStoresNothing()
    {
        await SendAsync(Operation.Update, "policies/pin", new { length = 32, charset = "0123456789" });
        var stored = await _storage.DumpAsync();

        var first = (string)(await SendAsync(Operation.Read, "generate/pin"))!.Data!["password"]!;
        var second = (string)(await SendAsync(Operation.Read, "generate/pin"))!.Data!["password"]!;

        Assert.Equal(32, first.Length);
        Assert.All(first, c => Assert.Contains(c, "0123456789"));
        Assert.NotEqual(first, second);
        Assert.Equal(stored.Select(e => e.Key), (await _storage.DumpAsync()).Select(e => e.Key));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(129)]
    public async Task WritePolicy_LengthOutOfRange_Is400AndStoresNothing(int length)
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => SendAsync(Operation.Update, "policies/db", new { length }));

        Assert.Equal((int)HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("length must be between 8 and 128", error.Message);
        Assert.Empty(await _storage.DumpAsync());
    }

    [Fact]
    public async Task WritePolicy_OneDistinctCharacter_Is400()
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => SendAsync(Operation.Update, "policies/db", new { charset = "aaaa" }));

        Assert.Equal("charset must hold at least two different characters", error.Message);
    }

    [Fact]
    public async Task ListAndDelete_SeeTheStoredPolicies()
    {
        await SendAsync(Operation.Update, "policies/a");
        await SendAsync(Operation.Update, "policies/b");
        await SendAsync(Operation.Delete, "policies/a");

        var list = await SendAsync(Operation.List, "policies/");

        Assert.Equal(["b"], (IReadOnlyList<string>)list!.Data!["keys"]!);
        Assert.Null(await SendAsync(Operation.Read, "policies/a"));
    }

    [Fact]
    public async Task Generate_UnknownPolicy_AnswersNothing()
    {
        Assert.Null(await SendAsync(Operation.Read, "generate/missing"));
    }

    [Fact]
    public async Task ExistenceCheck_TellsCreateFromUpdate()
    {
        var before = await _backend.ExistenceCheckAsync(Request(Operation.Update, "policies/db", null));
        await SendAsync(Operation.Update, "policies/db");
        var after = await _backend.ExistenceCheckAsync(Request(Operation.Update, "policies/db", null));

        Assert.Equal(new ExistenceCheckResult(true, false), before);
        Assert.Equal(new ExistenceCheckResult(true, true), after);
    }

    private Task<LogicalResponse?> SendAsync(Operation operation, string path, object? data = null) =>
        _backend.HandleRequestAsync(Request(operation, path, data));

    private LogicalRequest Request(Operation operation, string path, object? data) =>
        PluginRequests.Make(_storage, "passwords/", operation, path, data is null ? null : JsonSerializer.Serialize(data));
}
