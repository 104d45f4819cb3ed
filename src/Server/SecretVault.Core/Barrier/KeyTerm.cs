namespace SecretVault.Core.Barrier;

/// <summary>One data key of the keyring. <see cref="ReservedEncryptions"/> is the persisted upper bound of its use count.</summary>
internal sealed record KeyTerm(uint Term, byte[] Key, DateTimeOffset InstallTime, long ReservedEncryptions);
