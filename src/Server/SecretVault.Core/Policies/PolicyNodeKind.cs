namespace SecretVault.Core.Policies;

internal enum PolicyNodeKind
{
    Scalar,
    List,
    Object,
}
