using System.Text.Json;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>Reads and writes <see cref="UserEntry"/> records under <c>user/</c> in the mount's storage view.</summary>
internal static class UserStorage
{
    private const string Prefix = "user/";

    public static async Task<UserEntry?> GetAsync(IStorage storage, string name, CancellationToken ct)
    {
        var bytes = await storage.GetAsync(Prefix + name, ct).ConfigureAwait(false);
        return bytes is null ? null : JsonSerializer.Deserialize<UserEntry>(bytes);
    }

    public static Task PutAsync(IStorage storage, string name, UserEntry entry, CancellationToken ct) =>
        storage.PutAsync(Prefix + name, JsonSerializer.SerializeToUtf8Bytes(entry), ct);

    public static Task DeleteAsync(IStorage storage, string name, CancellationToken ct) => storage.DeleteAsync(Prefix + name, ct);

    public static Task<IReadOnlyList<string>> ListAsync(IStorage storage, CancellationToken ct) => storage.ListAsync(Prefix, ct);
}
