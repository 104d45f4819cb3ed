using System.Text.Json;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tokens;

/// <summary>Token roles under <c>sys/token/roles/</c>.</summary>
public sealed class TokenRoleStore
{
    private readonly StorageView _view;

    public TokenRoleStore(StorageView view)
    {
        _view = view;
    }

    public async Task<TokenRoleEntry?> GetAsync(string name, CancellationToken ct = default)
    {
        var bytes = await _view.GetAsync(name, ct).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<TokenRoleEntry>(bytes);
    }

    public Task PutAsync(TokenRoleEntry role, CancellationToken ct = default) => _view.PutAsync(role.Name, JsonSerializer.SerializeToUtf8Bytes(role), ct);

    public Task DeleteAsync(string name, CancellationToken ct = default) => _view.DeleteAsync(name, ct);

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default) => _view.ListAsync("", ct);
}
