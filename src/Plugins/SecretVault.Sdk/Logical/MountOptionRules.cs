namespace SecretVault.Sdk.Logical;

/// <summary>The mount option rules every backend follows unless its factory declares its own.</summary>
public static class MountOptionRules
{
    /// <summary>The option Vault reserves for an engine's storage version (KV's v1 and v2).</summary>
    public const string Version = "version";

    /// <summary>
    /// As Vault: a mount is not enabled with a <c>version</c> option unless its engine has versions; every other option
    /// is kept as sent, and a tune may set any option.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? RefuseVersion(MountOptionsChange change) =>
        change.IsEnable && change.Requested?.ContainsKey(Version) == true
            ? throw LogicalException.BadRequest($"secrets engine \"{change.Type}\" does not allow setting a version")
            : change.Requested;
}
