namespace SecretVault.Core.Policies;

public enum PolicyNodeKind
{
    Scalar,
    List,
    Object,
}
