using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>
/// The one canonical form of a username, used at write, read, delete and login alike, so that
/// <c>Alice</c>, <c>alice</c> and <c> alice </c> are the same principal and anything ambiguous (control
/// characters, non-ASCII letters whose NFC and NFD forms differ) is refused rather than stored.
/// </summary>
internal static class UserNames
{
    /// <summary>The spelling a username is stored under (trimmed, lower-case), valid or not: the core authorizes it too.</summary>
    public static string Canonical(string raw) => raw.Trim().ToLowerInvariant();

    /// <summary>Trims and lower-cases <paramref name="raw"/>; false unless the result is a valid username.</summary>
    public static bool TryNormalize(string raw, out string name)
    {
        name = Canonical(raw);
        return name.Length > 0 && StorageNames.FitsOneSegment(name)
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            && name[0] is not ('-' or '.')
            && name[^1] != '.';
    }

    /// <summary>As <see cref="TryNormalize"/>, with a 400 for an invalid name.</summary>
    public static string Normalize(string raw) =>
        TryNormalize(raw, out var name)
            ? name
            : throw LogicalException.BadRequest(
                "invalid username: use letters, digits, '_', '-' and '.', not starting with '-' or '.' nor ending with '.'");
}
