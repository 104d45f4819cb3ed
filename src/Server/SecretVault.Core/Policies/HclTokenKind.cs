namespace SecretVault.Core.Policies;

internal enum HclTokenKind
{
    Identifier,
    String,
    Punctuation,
    End,
}
