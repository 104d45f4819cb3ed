using System.Collections;
using System.Security.Cryptography;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Seal;

/// <summary>
/// The key shares given so far to one ceremony step (root token generation, rekey, rekey verification): copies,
/// compared in constant time, zeroed when forgotten.
/// </summary>
internal sealed class KeyShareSet : IReadOnlyList<byte[]>
{
    private readonly List<byte[]> _shares = [];

    public int Count => _shares.Count;

    public byte[] this[int index] => _shares[index];

    /// <summary>Keeps a copy of <paramref name="share"/>; 400 when its length is not <paramref name="expectedLength"/> or it was given before.</summary>
    public void Add(byte[] share, int expectedLength, string duplicateMessage)
    {
        if (share.Length != expectedLength)
        {
            throw LogicalException.BadRequest($"'key' has the wrong length: a key share here is {expectedLength} bytes");
        }

        if (_shares.Any(s => CryptographicOperations.FixedTimeEquals(s, share)))
        {
            throw LogicalException.BadRequest(duplicateMessage);
        }

        _shares.Add(share.ToArray());
    }

    /// <summary>Zeroes every share and empties the set.</summary>
    public void Forget()
    {
        foreach (var share in _shares)
        {
            CryptographicOperations.ZeroMemory(share);
        }

        _shares.Clear();
    }

    public IEnumerator<byte[]> GetEnumerator() => _shares.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
