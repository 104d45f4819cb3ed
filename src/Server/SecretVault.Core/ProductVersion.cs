namespace SecretVault.Core;

/// <summary>
/// The version reported to clients. Tools gate features on Vault's version number, so we report
/// the Vault API level we follow, with our own version as semver build metadata (ignored by parsers).
/// </summary>
public static class ProductVersion
{
    public const string Version = "1.15.0+secretvault.0.1.0";

    public const string BuildDate = "2026-11-24T00:00:00Z";
}
