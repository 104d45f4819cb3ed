namespace SecretVault.Core.Barrier;

/// <summary>
/// Thrown by a root key rotation's commit when it knows its write did not land: the old root key stays in use.
/// Any other exception from a commit means the outcome is unknown.
/// </summary>
public sealed class RootKeyRotationNotCommittedException : Exception
{
    public RootKeyRotationNotCommittedException()
        : base("the root key rotation was not committed")
    {
    }

    public RootKeyRotationNotCommittedException(string message)
        : base(message)
    {
    }

    public RootKeyRotationNotCommittedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
