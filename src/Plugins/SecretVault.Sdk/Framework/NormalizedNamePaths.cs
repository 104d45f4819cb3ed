namespace SecretVault.Sdk.Framework;

/// <summary>Declares one name normalization on every path of a table that captures the name.</summary>
public static class NormalizedNamePaths
{
    /// <summary>
    /// <paramref name="paths"/>, each one whose pattern captures <paramref name="group"/> declaring that its handlers
    /// store the name as <paramref name="normalize"/> maps it (see <see cref="PathDefinition.NormalizedNames"/>).
    /// </summary>
    public static IReadOnlyList<PathDefinition> Declare(IEnumerable<PathDefinition> paths, string group, Func<string, string> normalize) =>
    [
        .. paths.Select(path => path.Pattern.Contains($"(?<{group}>", StringComparison.Ordinal)
            ? path with { NormalizedNames = new Dictionary<string, Func<string, string>>(path.NormalizedNames, StringComparer.Ordinal) { [group] = normalize } }
            : path),
    ];
}
