namespace SecretVault.Sdk.Logical;

/// <summary>TTLs that never change: for a backend built outside a server (tests, tools).</summary>
public sealed record FixedMountTtls(TimeSpan DefaultLeaseTtl, TimeSpan MaxLeaseTtl) : IMountTtls
{
    /// <summary>Vault's system defaults: 768 hours for both.</summary>
    public static FixedMountTtls VaultDefaults { get; } = new(TimeSpan.FromHours(768), TimeSpan.FromHours(768));
}
