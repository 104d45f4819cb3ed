using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// The one canonical form of a role name (lower-case), used by every path, so <c>Web</c> and
/// <c>web</c> are the same role. Allowed: ASCII letters, digits, space, '.', '_' and '-', with no blank space at
/// either end (a name that prints like another is refused, not folded into it).
/// </summary>
internal static class RoleNames
{
    /// <summary>The spelling a role name is stored under (trimmed, lower-case), valid or not: the core authorizes it too.</summary>
    public static string Canonical(string raw) => raw.Trim().ToLowerInvariant();

    public static bool TryNormalize(string raw, out string name)
    {
        name = Canonical(raw);

        // Vault allows up to 4096 bytes, but the name is one storage key segment.
        return VisibleNames.Problem(raw) is null
            && name.Length > 0 && StorageNames.FitsOneSegment(name)
            && name is not ("." or "..")
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '-');
    }

    public static string Normalize(string raw) =>
        TryNormalize(raw, out var name)
            ? name
            : throw LogicalException.BadRequest($"invalid role_name: use letters, digits, space, '.', '_' and '-', not beginning or ending with a space (at most {StorageNames.MaxSegmentBytes} characters)");
}
