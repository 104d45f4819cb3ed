namespace SecretVault.Core.Shamir;

/// <summary>Shares that cannot be combined, or split parameters out of range. Never carries share bytes.</summary>
public sealed class ShamirException : ArgumentException
{
    public ShamirException()
    {
    }

    public ShamirException(string message) : base(message)
    {
    }

    public ShamirException(string message, Exception inner) : base(message, inner)
    {
    }
}
