using System.Xml.Linq;
using SecretVault.Testing.Processes;

namespace SecretVault.IntegrationTests.Architecture;

public sealed class DependencyRuleTests
{
    [Fact]
    public void SourceProjects_FollowTheDependencyRule()
    {
        var references = SourceProjectReferences();
        Assert.Contains("src/Server/SecretVault.Core", references.Keys);
        Assert.Contains("samples/SecretVault.Samples.Passwords", references.Keys);
        Assert.Empty(DependencyRule.Violations(references));
    }

    [Fact]
    public void Rule_ReportsABadReference()
    {
        var bad = new Dictionary<string, IReadOnlyList<string>>
        {
            ["src/Server/SecretVault.Core"] = ["src/Server/SecretVault.Server"],
            ["src/Plugins/SecretVault.Plugins.Kv"] = ["src/Server/SecretVault.Core"],
            ["src/Storage/SecretVault.Storage.File"] = ["src/Plugins/SecretVault.Sdk"],
            ["src/Cli/SecretVault.Cli"] = ["src/Server/SecretVault.Core"],
            ["samples/SecretVault.Samples.Passwords"] = ["src/Server/SecretVault.Core"],
        };
        Assert.Equal(5, DependencyRule.Violations(bad).Count);
    }

    [Fact]
    public void Core_UsesNoAspNetTypes()
    {
        var core = Path.Combine(RepoPaths.Root, "src/Server/SecretVault.Core");
        var project = XDocument.Load(Path.Combine(core, "SecretVault.Core.csproj"));
        Assert.DoesNotContain(project.Descendants("FrameworkReference"), r => r.Attribute("Include")?.Value == "Microsoft.AspNetCore.App");
        Assert.Equal("Microsoft.NET.Sdk", project.Root!.Attribute("Sdk")?.Value);
        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Empty(offenders);
    }

    private static Dictionary<string, IReadOnlyList<string>> SourceProjectReferences()
    {
        var root = RepoPaths.Root;
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var projects = new[] { "src", "samples" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories));
        foreach (var csproj in projects)
        {
            var folder = Path.GetDirectoryName(csproj)!;
            var references = XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(r => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, r.Attribute("Include")!.Value)))!)
                .Select(p => Relative(root, p))
                .ToList();
            result[Relative(root, folder)] = references;
        }

        return result;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
