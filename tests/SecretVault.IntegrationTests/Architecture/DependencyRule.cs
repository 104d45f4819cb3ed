namespace SecretVault.IntegrationTests.Architecture;

/// <summary>
/// Who may reference whom, as DESIGN.md states it: plugins see only the Sdk, storage backends only
/// Storage.Abstractions, Core both of those, the CLI only the client; the server composes everything. Sample engines
/// under samples/ follow the plugin rule.
/// </summary>
public static class DependencyRule
{
    /// <summary>The violations among <paramref name="references"/> (project folder → referenced project folders, repo-relative).</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, IReadOnlyList<string>> references)
    {
        var violations = new List<string>();
        foreach (var (project, targets) in references)
        {
            var allowed = AllowedFor(project);
            if (allowed is null)
            {
                continue;
            }

            violations.AddRange(targets.Where(t => !allowed.Contains(t)).Select(t => $"{project} must not reference {t}"));
        }

        return violations;
    }

    private static HashSet<string>? AllowedFor(string project) => project switch
    {
        "src/Plugins/SecretVault.Sdk" => [],
        _ when project.StartsWith("src/Plugins/", StringComparison.Ordinal) => ["src/Plugins/SecretVault.Sdk"],
        "src/Storage/SecretVault.Storage.Abstractions" => [],
        _ when project.StartsWith("src/Storage/", StringComparison.Ordinal) => ["src/Storage/SecretVault.Storage.Abstractions"],
        "src/Server/SecretVault.Core" => ["src/Plugins/SecretVault.Sdk", "src/Storage/SecretVault.Storage.Abstractions"],
        "src/Server/SecretVault.Server" => null,
        "src/Cli/SecretVault.Client" => [],
        "src/Cli/SecretVault.Cli" => ["src/Cli/SecretVault.Client"],

        // A sample engine is held to the plugin rule, so the page it illustrates holds; its tests may use anything.
        _ when project.StartsWith("samples/", StringComparison.Ordinal) && project.EndsWith(".Tests", StringComparison.Ordinal) => null,
        _ when project.StartsWith("samples/", StringComparison.Ordinal) => ["src/Plugins/SecretVault.Sdk"],
        _ => throw new InvalidOperationException($"{project} has no dependency rule; add one"),
    };
}
