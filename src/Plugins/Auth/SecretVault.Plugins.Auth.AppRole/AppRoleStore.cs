using System.Security.Cryptography;
using System.Text;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// The mount's storage layout:
/// <c>salt</c> (32 random bytes, the key of the role ID index),
/// <c>role/&lt;name&gt;</c> (<see cref="RoleEntry"/>),
/// <c>role_id/&lt;HMAC(salt, role ID)&gt;</c> (<see cref="RoleIdEntry"/>),
/// <c>secret_id/&lt;role id&gt;/&lt;HMAC(role key, secret ID)&gt;</c> (<see cref="SecretIdEntry"/>),
/// <c>accessor/&lt;role id&gt;/&lt;accessor&gt;</c> (<see cref="AccessorEntry"/>).
/// Role IDs and secret IDs appear only as keyed hashes, so a storage dump does not yield a login.
/// </summary>
internal sealed class AppRoleStore
{
    private const string SaltKey = "salt";
    private const string RolePrefix = "role/";
    private const string RoleIdPrefix = "role_id/";
    private const string SecretIdPrefix = "secret_id/";
    private const string AccessorPrefix = "accessor/";

    // Two first requests must not each create a different salt.
    private readonly SemaphoreSlim _saltLock = new(1, 1);

    public async Task<RoleEntry?> GetRoleAsync(IStorage storage, string name, CancellationToken ct) =>
        Deserialize<RoleEntry>(await storage.GetAsync(RolePrefix + name, ct).ConfigureAwait(false));

    public Task PutRoleAsync(IStorage storage, RoleEntry role, CancellationToken ct) =>
        storage.PutAsync(RolePrefix + role.Name, StoredJson.Serialize(role), ct);

    public Task DeleteRoleAsync(IStorage storage, string name, CancellationToken ct) => storage.DeleteAsync(RolePrefix + name, ct);

    public Task<IReadOnlyList<string>> ListRolesAsync(IStorage storage, CancellationToken ct) => storage.ListAsync(RolePrefix, ct);

    public async Task<RoleIdEntry?> GetRoleIdAsync(IStorage storage, string roleId, CancellationToken ct) =>
        Deserialize<RoleIdEntry>(await storage.GetAsync(await RoleIdKeyAsync(storage, roleId, ct).ConfigureAwait(false), ct).ConfigureAwait(false));

    public async Task PutRoleIdAsync(IStorage storage, string roleId, string name, CancellationToken ct) =>
        await storage.PutAsync(await RoleIdKeyAsync(storage, roleId, ct).ConfigureAwait(false), StoredJson.Serialize(new RoleIdEntry(name)), ct).ConfigureAwait(false);

    public async Task DeleteRoleIdAsync(IStorage storage, string roleId, CancellationToken ct) =>
        await storage.DeleteAsync(await RoleIdKeyAsync(storage, roleId, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>The hex HMAC-SHA256 of <paramref name="secretId"/> under the role's key: the secret ID's storage name.</summary>
    public static string SecretIdHmac(RoleEntry role, ReadOnlySpan<byte> secretId)
    {
        var key = Convert.FromBase64String(role.HmacKey);
        try
        {
            return Convert.ToHexStringLower(HMACSHA256.HashData(key, secretId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public async Task<SecretIdEntry?> GetSecretIdAsync(IStorage storage, string roleId, string hmac, CancellationToken ct) =>
        Deserialize<SecretIdEntry>(await storage.GetAsync($"{SecretIdPrefix}{roleId}/{hmac}", ct).ConfigureAwait(false));

    /// <summary>Writes the accessor index first, so a secret ID that exists can always be found and destroyed by its accessor.</summary>
    public async Task PutSecretIdAsync(IStorage storage, SecretIdEntry entry, CancellationToken ct)
    {
        await storage.PutAsync($"{AccessorPrefix}{entry.RoleId}/{entry.Accessor}", StoredJson.Serialize(new AccessorEntry(entry.SecretIdHmac)), ct).ConfigureAwait(false);
        await storage.PutAsync($"{SecretIdPrefix}{entry.RoleId}/{entry.SecretIdHmac}", StoredJson.Serialize(entry), ct).ConfigureAwait(false);
    }

    /// <summary>Updates a secret ID entry in place (its use count).</summary>
    public Task UpdateSecretIdAsync(IStorage storage, SecretIdEntry entry, CancellationToken ct) =>
        storage.PutAsync($"{SecretIdPrefix}{entry.RoleId}/{entry.SecretIdHmac}", StoredJson.Serialize(entry), ct);

    /// <summary>Deletes the entry first, so the secret ID stops working even if the accessor's deletion is lost.</summary>
    public async Task DeleteSecretIdAsync(IStorage storage, SecretIdEntry entry, CancellationToken ct)
    {
        await storage.DeleteAsync($"{SecretIdPrefix}{entry.RoleId}/{entry.SecretIdHmac}", ct).ConfigureAwait(false);
        await storage.DeleteAsync($"{AccessorPrefix}{entry.RoleId}/{entry.Accessor}", ct).ConfigureAwait(false);
    }

    public async Task<AccessorEntry?> GetAccessorAsync(IStorage storage, string roleId, string accessor, CancellationToken ct) =>
        Deserialize<AccessorEntry>(await storage.GetAsync($"{AccessorPrefix}{roleId}/{accessor}", ct).ConfigureAwait(false));

    public Task DeleteAccessorAsync(IStorage storage, string roleId, string accessor, CancellationToken ct) =>
        storage.DeleteAsync($"{AccessorPrefix}{roleId}/{accessor}", ct);

    public Task<IReadOnlyList<string>> ListAccessorsAsync(IStorage storage, string roleId, CancellationToken ct) =>
        storage.ListAsync($"{AccessorPrefix}{roleId}/", ct);

    public Task<IReadOnlyList<string>> ListSecretIdsAsync(IStorage storage, string roleId, CancellationToken ct) =>
        storage.ListAsync($"{SecretIdPrefix}{roleId}/", ct);

    /// <summary>The role ids that have secret ID or accessor folders (for tidy, which also finds those of deleted roles).</summary>
    public async Task<IReadOnlySet<string>> ListFilingRoleIdsAsync(IStorage storage, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prefix in new[] { SecretIdPrefix, AccessorPrefix })
        {
            foreach (var folder in await storage.ListAsync(prefix, ct).ConfigureAwait(false))
            {
                if (folder.EndsWith('/'))
                {
                    ids.Add(folder[..^1]);
                }
            }
        }

        return ids;
    }

    private async Task<string> RoleIdKeyAsync(IStorage storage, string roleId, CancellationToken ct)
    {
        var salt = await GetOrCreateSaltAsync(storage, ct).ConfigureAwait(false);
        var value = Encoding.UTF8.GetBytes(roleId);
        return RoleIdPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(salt, value));
    }

    private async Task<byte[]> GetOrCreateSaltAsync(IStorage storage, CancellationToken ct)
    {
        if (await storage.GetAsync(SaltKey, ct).ConfigureAwait(false) is { Length: > 0 } salt)
        {
            return salt;
        }

        await _saltLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await storage.GetAsync(SaltKey, ct).ConfigureAwait(false) is { Length: > 0 } existing)
            {
                return existing;
            }

            var created = RandomNumberGenerator.GetBytes(32);
            await storage.PutAsync(SaltKey, created, ct).ConfigureAwait(false);
            return created;
        }
        finally
        {
            _saltLock.Release();
        }
    }

    private static T? Deserialize<T>(byte[]? bytes)
        where T : class => bytes is null ? null : StoredJson.Deserialize<T>(bytes);
}
