namespace SecretVault.Plugins.Transit.Keys;

/// <summary>
/// How many encryptions one key version may make with random 96-bit nonces, and how many are reserved in storage at
/// a time. NIST SP 800-38D caps random-IV GCM at 2^32 invocations per key; like Vault's barrier we stop at 90 % of
/// that. Counts are reserved in blocks before use, so a crash loses at most a block of headroom and never undercounts.
/// </summary>
internal sealed record EncryptionLimits(long PerVersion, long Block)
{
    public static EncryptionLimits Default { get; } = new((long)(0.9 * (1L << 32)), 1L << 16);
}
