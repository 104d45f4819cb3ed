using System.Security.Cryptography;

namespace SecretVault.Core.Seal;

/// <summary>One rekey in progress: its new share count and threshold, the current shares given, and the new unseal key until it takes effect.</summary>
internal sealed class RekeyAttempt(string nonce, int shares, int threshold, bool requireVerification)
{
    public string Nonce { get; } = nonce;

    public int Shares { get; } = shares;

    public int Threshold { get; } = threshold;

    public bool RequireVerification { get; } = requireVerification;

    public KeyShareSet Given { get; } = new();

    public KeyShareSet Verified { get; } = new();

    /// <summary>The new unseal key, once made and until it takes effect.</summary>
    public byte[]? PendingKey { get; set; }

    public string VerificationNonce { get; set; } = "";

    public void Forget()
    {
        Given.Forget();
        Verified.Forget();
        if (PendingKey is not null)
        {
            CryptographicOperations.ZeroMemory(PendingKey);
            PendingKey = null;
        }
    }
}
