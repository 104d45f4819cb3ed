namespace SecretVault.Core.Pipeline;

/// <summary>Matches a mount-relative path against a backend's special paths (<c>login</c>, <c>auth/*</c>).</summary>
public static class PathPatterns
{
    /// <summary>True when <paramref name="path"/> is one of <paramref name="patterns"/>; a trailing <c>*</c> matches any rest.</summary>
    public static bool MatchesAny(IReadOnlyList<string> patterns, string path) =>
        patterns.Any(p => p.EndsWith('*') ? path.StartsWith(p[..^1], StringComparison.Ordinal) : path == p || path == p + "/");
}
