namespace SecretVault.Core.Barrier;

/// <summary>
/// One data key of the keyring. <see cref="ReservedEncryptions"/> is the persisted upper bound of its use count;
/// <see cref="Encryptions"/> the exact count when the keyring was last stored.
/// </summary>
internal sealed record KeyTerm(uint Term, byte[] Key, DateTimeOffset InstallTime, long ReservedEncryptions, long Encryptions = 0);
