using System.Security.Cryptography;
using System.Text;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tokens;

/// <summary>
/// The per-cluster salt tokens and accessors are hashed with (HMAC-SHA256), so storage never holds a usable token.
/// Created on first use, kept in memory until seal, then zeroed.
/// </summary>
internal sealed class TokenSalt
{
    private const string SaltKey = "salt";

    private readonly IStorage _view;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private byte[]? _salt;

    public TokenSalt(IStorage view)
    {
        _view = view;
    }

    /// <summary>The salted hash of <paramref name="value"/>: the key its entry or index is stored under.</summary>
    public async Task<string> HashAsync(string value, CancellationToken ct)
    {
        var salt = _salt ?? await LoadAsync(ct).ConfigureAwait(false);
        return "h" + Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>Zeroes and drops the salt (on seal); the next hash reloads it.</summary>
    public void Forget()
    {
        var salt = Interlocked.Exchange(ref _salt, null);
        if (salt is not null)
        {
            CryptographicOperations.ZeroMemory(salt);
        }
    }

    private async Task<byte[]> LoadAsync(CancellationToken ct)
    {
        await _loadLock.WaitAsync(ct).ConfigureAwait(false);
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
            _loadLock.Release();
        }
    }
}
