using System.Globalization;
using System.Text;
using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// The one rule for names an operator types and reads back (mount paths, policy and role names): every character
/// is visible and none stands at either end as blank space, so no two names that print alike can both exist
/// (<c>\u200bsecret</c> beside <c>secret</c>, <c>xx </c> beside <c>xx</c>).
/// </summary>
public static class VisibleNames
{
    /// <summary>What is wrong with <paramref name="name"/>, or null when it is acceptable.</summary>
    public static string? Problem(string name)
    {
        if (name.Length > 0 && (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1])))
        {
            return "it begins or ends with blank space";
        }

        foreach (var c in name)
        {
            if (IsInvisible(c))
            {
                return $"it holds the invisible or control character U+{(int)c:X4}";
            }
        }

        return null;
    }

    /// <summary>400 naming <paramref name="what"/> when <see cref="Problem"/> finds something.</summary>
    public static void Check(string what, string name)
    {
        if (Problem(name) is { } problem)
        {
            throw LogicalException.BadRequest($"invalid {what} \"{Printable(name)}\": {problem}");
        }
    }

    private static bool IsInvisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned => true,
        UnicodeCategory.SpaceSeparator => c != ' ',
        _ => false,
    };

    // The name is echoed so the operator sees which one was refused; what cannot be seen is spelled out.
    private static string Printable(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(c == ' ' || !char.IsWhiteSpace(c) && !IsInvisible(c) ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return text.ToString();
    }
}
