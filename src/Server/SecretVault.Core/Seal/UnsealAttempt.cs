using System.Security.Cryptography;

namespace SecretVault.Core.Seal;

/// <summary>
/// The shares submitted so far in one unseal attempt, held only in memory. A share submitted twice
/// counts once, as in Vault.
/// </summary>
internal sealed class UnsealAttempt
{
    private readonly List<byte[]> _shares = [];

    public string Nonce { get; private set; } = "";

    public int Progress => _shares.Count;

    public IReadOnlyList<byte[]> Shares => _shares;

    public void Add(byte[] share)
    {
        if (_shares.Count == 0)
        {
            Nonce = Guid.NewGuid().ToString();
        }

        if (_shares.Any(s => CryptographicOperations.FixedTimeEquals(s, share)))
        {
            CryptographicOperations.ZeroMemory(share);
            return;
        }

        _shares.Add(share);
    }

    public void Reset()
    {
        foreach (var share in _shares)
        {
            CryptographicOperations.ZeroMemory(share);
        }

        _shares.Clear();
        Nonce = "";
    }
}
