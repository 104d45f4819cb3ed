namespace SecretVault.Core.Policies;

internal sealed record HclToken(HclTokenKind Kind, string Text, int Line, int Column);
