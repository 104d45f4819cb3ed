using System.Security.Cryptography;

namespace SecretVault.Core.Barrier;

/// <summary>
/// A stored value failed authentication (tampered, truncated, moved to another path, or under an
/// unknown term) or a key did not open the keyring. Never carries plaintext or key bytes.
/// </summary>
public sealed class BarrierIntegrityException : CryptographicException
{
    public BarrierIntegrityException() : base("stored value failed integrity check")
    {
    }

    public BarrierIntegrityException(string message) : base(message)
    {
    }

    public BarrierIntegrityException(string message, Exception inner) : base(message, inner)
    {
    }
}
