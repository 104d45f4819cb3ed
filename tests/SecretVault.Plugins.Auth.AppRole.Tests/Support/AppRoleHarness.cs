using SecretVault.Sdk.Logical;
using SecretVault.Testing.Plugins;
using SecretVault.Testing.Time;

namespace SecretVault.Plugins.Auth.AppRole.Tests.Support;

/// <summary>An approle mount over real in-memory storage and a manual clock, with shorthand for the usual calls.</summary>
internal sealed class AppRoleHarness
{
    public AppRoleHarness()
    {
        Backend = new AppRoleBackend(new BackendContext { MountPoint = "approle/", Time = Clock });
    }

    public InMemoryStorage Storage { get; } = new();

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public AppRoleBackend Backend { get; }

    public Task<LogicalResponse?> SendAsync(Operation operation, string path, object? body = null, string? remoteAddress = "127.0.0.1") =>
        Backend.HandleRequestAsync(Requests.Make(Storage, operation, path, body, remoteAddress));

    public async Task<LogicalException> FailAsync(Operation operation, string path, object? body = null, string? remoteAddress = "127.0.0.1") =>
        await Assert.ThrowsAsync<LogicalException>(() => SendAsync(operation, path, body, remoteAddress));

    public async Task WriteRoleAsync(string name, object? body = null) =>
        Assert.Null(await SendAsync(Operation.Create, $"role/{name}", body ?? new { }));

    public async Task<IDictionary<string, object?>> ReadAsync(string path) => (await SendAsync(Operation.Read, path))!.Data!;

    public async Task<string> RoleIdAsync(string role) => (string)(await ReadAsync($"role/{role}/role-id"))["role_id"]!;

    public async Task<(string SecretId, string Accessor)> SecretIdAsync(string role, object? body = null)
    {
        var data = (await SendAsync(Operation.Update, $"role/{role}/secret-id", body ?? new { }))!.Data!;
        return ((string)data["secret_id"]!, (string)data["secret_id_accessor"]!);
    }

    public async Task<AuthResult> LoginAsync(string roleId, string? secretId, string? remoteAddress = "127.0.0.1")
    {
        object body = secretId is null ? new { role_id = roleId } : new { role_id = roleId, secret_id = secretId };
        var response = await SendAsync(Operation.Update, "login", body, remoteAddress);
        return response!.Auth!;
    }

    public async Task<LogicalException> LoginFailsAsync(string roleId, string? secretId, string? remoteAddress = "127.0.0.1")
    {
        object body = secretId is null ? new { role_id = roleId } : new { role_id = roleId, secret_id = secretId };
        return await FailAsync(Operation.Update, "login", body, remoteAddress);
    }
}
