using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tokens;

/// <summary>Token roles under <c>sys/token/roles/</c>.</summary>
public sealed class TokenRoleStore
{
    private readonly JsonStore<TokenRoleEntry> _store;

    public TokenRoleStore(StorageView view)
    {
        _store = new JsonStore<TokenRoleEntry>(view);
    }

    public Task<TokenRoleEntry?> GetAsync(string name, CancellationToken ct = default) => _store.GetAsync(name, ct);

    public Task PutAsync(TokenRoleEntry role, CancellationToken ct = default) => _store.PutAsync(role.Name, role, ct);

    public Task DeleteAsync(string name, CancellationToken ct = default) => _store.DeleteAsync(name, ct);

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default) => _store.ListAsync("", ct);
}
