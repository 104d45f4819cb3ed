using SecretVault.Sdk.Framework;

namespace SecretVault.Core.Policies;

/// <summary>The built-in policy names and the one normalisation every check uses.</summary>
public static class PolicyNames
{
    public const string Root = PolicyNameRule.Root;

    public const string Default = "default";

    public const string ResponseWrapping = "response-wrapping";

    public const string ControlGroup = "control-group";

    /// <summary>
    /// False for the policies only the core attaches to its own tokens (a response-wrapping token's, Vault
    /// Enterprise's control groups): a token created or logged in with one could pass for a wrapping token.
    /// </summary>
    public static bool IsAssignable(string name) => Normalize(name) is not (ResponseWrapping or ControlGroup);

    /// <summary>The stored form of a name: trimmed and lower-cased, as Vault stores policy names (the Sdk's rule).</summary>
    public static string Normalize(string name) => PolicyNameRule.Normalize(name);

    /// <summary>
    /// True when <paramref name="name"/> is "root" in any case, spacing or Unicode-compatibility variant
    /// (CVE-2024-9180: a "Root" policy must never be attachable). One rule with the auth methods' check.
    /// </summary>
    public static bool IsRoot(string name) => PolicyNameRule.IsRoot(name);

    /// <summary>
    /// A valid name: printable ASCII only (so no Unicode look-alike of a reserved name can be stored),
    /// at most 128 characters, without '/' or "..".
    /// </summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => c is >= ' ' and <= '~') && !name.Contains('/', StringComparison.Ordinal) && !name.Contains("..", StringComparison.Ordinal);
}
