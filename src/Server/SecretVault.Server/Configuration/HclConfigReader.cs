using SecretVault.Core.Policies;
using YamlDotNet.RepresentationModel;

namespace SecretVault.Server.Configuration;

/// <summary>
/// Reads Vault's HCL server configuration with the HCL parser the policies use (bounded in depth as they are) into the
/// same tree the YAML form gives, so that one reader checks every key whatever the file's format.
/// <c>storage "file" { path = "x" }</c> becomes <c>storage: {file: {path: x}}</c>; repeated blocks under one key
/// (several <c>listener "tcp"</c>) become a list, unless their labels differ (<c>user_lockout "all"</c>, <c>"userpass"</c>).
/// </summary>
public static class HclConfigReader
{
    private const string PolicyPrefix = "failed to parse policy: ";

    /// <summary>Parses <paramref name="text"/>; a syntax error throws <see cref="ConfigException"/> with its line and column.</summary>
    public static YamlMappingNode Read(string text)
    {
        PolicyNode root;
        try
        {
            root = HclParser.Parse(text);
        }
        catch (PolicyParseException ex)
        {
            var problem = ex.Message.StartsWith(PolicyPrefix, StringComparison.Ordinal) ? ex.Message[PolicyPrefix.Length..] : ex.Message;
            throw new ConfigException("invalid HCL: " + problem.Replace("the policy", "the file", StringComparison.Ordinal));
        }

        return (YamlMappingNode)ToYaml(root);
    }

    private static YamlNode ToYaml(PolicyNode node) => node.Kind switch
    {
        PolicyNodeKind.Scalar => new YamlScalarNode(node.Text),
        PolicyNodeKind.List => new YamlSequenceNode(node.Items.Select(ToYaml)),
        _ => Mapping(node.Members),
    };

    private static YamlMappingNode Mapping(IReadOnlyList<(string Key, PolicyNode Value)> members)
    {
        var map = new YamlMappingNode();
        foreach (var group in members.GroupBy(m => m.Key, StringComparer.Ordinal))
        {
            var values = group.Select(m => ToYaml(m.Value)).ToList();
            map.Add(group.Key, values.Count == 1 ? values[0] : Combine(values));
        }

        return map;
    }

    private static YamlNode Combine(List<YamlNode> values)
    {
        var maps = values.OfType<YamlMappingNode>().ToList();
        var labels = maps.SelectMany(m => m.Children.Keys).ToList();
        if (maps.Count == values.Count && labels.Distinct().Count() == labels.Count)
        {
            return new YamlMappingNode(maps.SelectMany(m => m.Children));
        }

        return new YamlSequenceNode(values);
    }
}
