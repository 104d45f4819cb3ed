using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>Reads and writes <see cref="UserEntry"/> records under <c>user/</c> in the mount's storage view.</summary>
internal static class UserStorage
{
    private const string Prefix = "user/";

    public static Task<UserEntry?> GetAsync(IStorage storage, string name, CancellationToken ct) =>
        storage.GetJsonAsync<UserEntry>(Prefix + name, ct);

    public static Task PutAsync(IStorage storage, string name, UserEntry entry, CancellationToken ct) =>
        storage.PutJsonAsync(Prefix + name, entry, ct);

    public static Task DeleteAsync(IStorage storage, string name, CancellationToken ct) => storage.DeleteAsync(Prefix + name, ct);

    public static Task<IReadOnlyList<string>> ListAsync(IStorage storage, CancellationToken ct) => storage.ListAsync(Prefix, ct);
}
