namespace SecretVault.Sdk.Framework;

/// <summary>
/// The one rule for policy names, used by the core and every auth method: a name is stored trimmed and lower-cased
/// (as Vault's policy store keys it), and <c>root</c> is recognised in every spelling that any canonicalisation
/// could turn into it, so no attached name can become root (CVE-2024-9180, CVE-2025-5999).
/// </summary>
public static class PolicyNameRule
{
    /// <summary>The name of the root policy.</summary>
    public const string Root = "root";

    /// <summary>The stored form of a policy name: trimmed and lower-cased, as Vault stores policy names.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>
    /// True when <paramref name="name"/> is <c>root</c> under any case, surrounding space or Unicode
    /// compatibility variant (fullwidth, mathematical, circled, super/subscript letters...).
    /// </summary>
    public static bool IsRoot(string name) => string.Equals(Normalize(CompatibilityFold.ToAscii(name)), Root, StringComparison.Ordinal);
}
