using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tokens;

/// <summary>
/// Creates and looks up tokens under <c>sys/token/</c>. Entries are keyed by an HMAC of the token
/// with a per-cluster salt, so storage never holds a usable token and lookups need no comparison.
/// </summary>
public sealed class TokenStore : ILifecycleParticipant
{
    private const string SaltKey = "salt";

    private readonly StorageView _view;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _saltLock = new(1, 1);
    private byte[]? _salt;

    public TokenStore(IStorage barrier, TimeProvider time)
    {
        _view = new StorageView(barrier, "sys/token/");
        _time = time;
    }

    /// <summary>Creates a root token (policy <c>root</c>, no TTL). <paramref name="id"/> chooses the token (dev mode).</summary>
    public async Task<string> CreateRootTokenAsync(string? id, CancellationToken ct = default)
    {
        if (id is not null && (id.Length == 0 || id.Contains('.', StringComparison.Ordinal) && !id.StartsWith(TokenGenerator.ServicePrefix, StringComparison.Ordinal)))
        {
            throw LogicalException.BadRequest("a custom root token id must be non-empty and may not contain '.'");
        }

        var token = id ?? TokenGenerator.NewServiceToken();
        var entry = new TokenEntry
        {
            Accessor = TokenGenerator.NewAccessor(),
            Policies = ["root"],
            Path = "auth/token/root",
            DisplayName = "root",
            CreationTime = _time.GetUtcNow().ToUnixTimeSeconds(),
        };
        var hash = await HashAsync(token, ct).ConfigureAwait(false);
        await _view.PutAsync("id/" + hash, JsonSerializer.SerializeToUtf8Bytes(entry), ct).ConfigureAwait(false);
        await _view.PutAsync("accessor/" + await HashAsync(entry.Accessor, ct).ConfigureAwait(false), Encoding.UTF8.GetBytes(hash), ct).ConfigureAwait(false);
        return token;
    }

    /// <summary>The entry of a valid, unexpired token, or null.</summary>
    public async Task<TokenEntry?> LookupAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        var bytes = await _view.GetAsync("id/" + await HashAsync(token, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        var entry = JsonSerializer.Deserialize<TokenEntry>(bytes);
        return entry is null || entry.IsExpired(_time.GetUtcNow()) ? null : entry;
    }

    /// <summary>The entry of the valid token with <paramref name="accessor"/>, or null.</summary>
    public async Task<TokenEntry?> LookupByAccessorAsync(string? accessor, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(accessor) || accessor.Length > 256)
        {
            return null;
        }

        var hash = await _view.GetAsync("accessor/" + await HashAsync(accessor, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        if (hash is null)
        {
            return null;
        }

        var bytes = await _view.GetAsync("id/" + Encoding.UTF8.GetString(hash), ct).ConfigureAwait(false);
        var entry = bytes is null ? null : JsonSerializer.Deserialize<TokenEntry>(bytes);
        return entry is null || entry.IsExpired(_time.GetUtcNow()) ? null : entry;
    }

    /// <inheritdoc />
    public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnUnsealAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public void OnSeal()
    {
        var salt = Interlocked.Exchange(ref _salt, null);
        if (salt is not null)
        {
            CryptographicOperations.ZeroMemory(salt);
        }
    }

    private async Task<string> HashAsync(string value, CancellationToken ct)
    {
        var salt = _salt ?? await LoadSaltAsync(ct).ConfigureAwait(false);
        return "h" + Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(value)));
    }

    private async Task<byte[]> LoadSaltAsync(CancellationToken ct)
    {
        await _saltLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_salt is not null)
            {
                return _salt;
            }

            var salt = await _view.GetAsync(SaltKey, ct).ConfigureAwait(false);
            if (salt is null)
            {
                salt = RandomNumberGenerator.GetBytes(32);
                await _view.PutAsync(SaltKey, salt, ct).ConfigureAwait(false);
            }

            _salt = salt;
            return salt;
        }
        finally
        {
            _saltLock.Release();
        }
    }
}
