namespace SecretVault.Core.Policies;

/// <summary>
/// Vault's glob on names (token roles' <c>*_policies_glob</c>): <c>*</c> matches any run of characters, anywhere
/// in the pattern and any number of times; every other character matches itself.
/// </summary>
public static class PolicyGlob
{
    public static bool IsMatch(string pattern, string value)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return pattern == value;
        }

        if (!value.StartsWith(parts[0], StringComparison.Ordinal) || value.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        // Each middle part is taken at its first place after the previous one: leaving the most room for the rest.
        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = value.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return value.Length - parts[^1].Length >= at && value.EndsWith(parts[^1], StringComparison.Ordinal);
    }
}
