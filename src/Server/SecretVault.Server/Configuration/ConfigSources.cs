using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SecretVault.Server.Configuration;

/// <summary>
/// Reads what <c>-config</c> names: one file (<c>.hcl</c> as Vault's HCL; <c>.yaml</c>, <c>.yml</c> or <c>.json</c> as
/// YAML, which JSON is a form of), or a folder whose such files are merged in name order as Vault merges them: each
/// <c>listener</c> is added, <c>user_lockout</c> stanzas are combined, and any other key set by a later file wins.
/// </summary>
public static class ConfigSources
{
    private static readonly string[] Extensions = [".hcl", ".json", ".yaml", ".yml"];

    /// <summary>The configuration tree at <paramref name="path"/>, and the folder its relative paths are resolved against.</summary>
    public static (YamlMappingNode Root, string Folder) Read(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                throw new ConfigException($"error loading configuration from {path}: the folder has no .hcl, .json, .yaml or .yml file");
            }

            var merged = new YamlMappingNode();
            foreach (var file in files)
            {
                Merge(merged, ReadFile(file));
            }

            return (merged, Path.GetFullPath(path));
        }

        return (ReadFile(path), Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses YAML (or JSON) text into its root mapping.</summary>
    public static YamlMappingNode ParseYaml(string yaml)
    {
        ConfigText.CheckFlowDepth(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new ConfigException("the configuration is empty");
        }

        return stream.Documents[0].RootNode as YamlMappingNode ?? throw new ConfigException("the configuration must be a YAML mapping");
    }

    private static YamlMappingNode ReadFile(string path)
    {
        try
        {
            var text = ReadText(path);
            return path.EndsWith(".hcl", StringComparison.Ordinal) ? HclConfigReader.Read(text) : ParseYaml(text);
        }
        catch (ConfigException ex)
        {
            throw new ConfigException($"error loading configuration from {path}: {ex.Message}", ex);
        }
    }

    private static string ReadText(string path)
    {
        try
        {
            return ConfigText.ReadBounded(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ex.Message);
        }
    }

    private static void Merge(YamlMappingNode into, YamlMappingNode from)
    {
        foreach (var (key, value) in from.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (!into.Children.TryGetValue(key, out var existing))
            {
                into.Children[key] = value;
            }
            else if (name == "listener")
            {
                into.Children[key] = new YamlSequenceNode(Items(existing).Concat(Items(value)));
            }
            else if (name == "user_lockout" && existing is YamlMappingNode earlier && value is YamlMappingNode later)
            {
                into.Children[key] = new YamlMappingNode(earlier.Children.Where(c => !later.Children.ContainsKey(c.Key)).Concat(later.Children));
            }
            else
            {
                into.Children[key] = value;
            }
        }
    }

    private static IEnumerable<YamlNode> Items(YamlNode node) => node is YamlSequenceNode list ? list.Children : [node];
}
