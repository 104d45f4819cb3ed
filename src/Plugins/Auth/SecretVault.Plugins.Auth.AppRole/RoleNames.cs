using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// The one canonical form of a role name (lower-case), used by every path, so <c>Web</c> and
/// <c>web</c> are the same role. Allowed: ASCII letters, digits, space, '.', '_' and '-', with no blank space at
/// either end (a name that prints like another is refused, not folded into it).
/// </summary>
internal static class RoleNames
{
    // Vault allows up to 4096 bytes, but the name is one storage key segment and the file backend takes 250.
    private const int MaxLength = 250;

    /// <summary>The spelling a role name is stored under (trimmed, lower-case), valid or not: the core authorizes it too.</summary>
    public static string Canonical(string raw) => raw.Trim().ToLowerInvariant();

    public static bool TryNormalize(string raw, out string name)
    {
        name = Canonical(raw);
        return VisibleNames.Problem(raw) is null
            && name.Length is > 0 and <= MaxLength
            && name is not ("." or "..")
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '-');
    }

    public static string Normalize(string raw) =>
        TryNormalize(raw, out var name)
            ? name
            : throw LogicalException.BadRequest("invalid role_name: use letters, digits, space, '.', '_' and '-', not beginning or ending with a space (at most 250 characters)");
}
