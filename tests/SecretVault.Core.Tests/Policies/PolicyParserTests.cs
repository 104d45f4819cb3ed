using SecretVault.Core.Policies;

namespace SecretVault.Core.Tests.Policies;

public sealed class PolicyParserTests
{
    [Fact]
    public void Parse_HclWithCommentsAndEveryAttribute()
    {
        var policy = PolicyParser.Parse("p", """
            # a comment
            // another
            /* and a
               block comment */
            path "secret/data/app/*" {
              capabilities        = ["create", "read", "update", "patch", "delete", "list"]
              required_parameters = ["name"]
              allowed_parameters  = { "foo" = [], "bar" = ["zip", "zap"], "*" = [] }
              denied_parameters   = { "baz" = [] }
              min_wrapping_ttl    = "1s"
              max_wrapping_ttl    = "90s"
            }
            path "/sys/leader" { capabilities = ["read"] }
            """);
        Assert.Equal(2, policy.Rules.Count);
        var rule = policy.Rules[0];
        Assert.Equal("secret/data/app/*", rule.Pattern);
        Assert.Equal(Capability.Create | Capability.Read | Capability.Update | Capability.Patch | Capability.Delete | Capability.List, rule.Capabilities);
        Assert.Equal(["name"], rule.RequiredParameters);
        Assert.Equal(["zip", "zap"], rule.AllowedParameters["bar"]);
        Assert.Empty(rule.AllowedParameters["*"]);
        Assert.Empty(rule.DeniedParameters["baz"]);
        Assert.Equal(TimeSpan.FromSeconds(90), rule.MaxWrappingTtl);
        Assert.Equal("sys/leader", policy.Rules[1].Pattern);
    }

    [Fact]
    public void Parse_JsonForm_IsEquivalent()
    {
        var json = PolicyParser.Parse("p", """{"path": {"secret/foo": {"capabilities": ["read"]}, "secret/bar/*": {"capabilities": ["list", "deny"]}}}""");
        Assert.Equal(Capability.Read, json.Rules.Single(r => r.Pattern == "secret/foo").Capabilities);
        Assert.Equal(Capability.Deny, json.Rules.Single(r => r.Pattern == "secret/bar/*").Capabilities);
    }

    [Theory]
    [InlineData("read", Capability.Read | Capability.List)]
    [InlineData("write", Capability.Create | Capability.Read | Capability.Update | Capability.Delete | Capability.List)]
    [InlineData("deny", Capability.Deny)]
    public void Parse_LegacyPolicyKeyword_ExpandsAsVault(string keyword, Capability expected)
    {
        Assert.Equal(expected, PolicyParser.Parse("p", $"path \"a\" {{ policy = \"{keyword}\" }}").Rules[0].Capabilities);
    }

    [Theory]
    [InlineData("path \"a\" {\n  capabilities = [\"reed\"]\n}", "invalid capability \"reed\"", 2)]
    [InlineData("path \"a\" {\n  capabilities = [\"read\"]\n", "expected '}'", 3)]
    [InlineData("path \"a\" {\n  colour = \"red\"\n}", "invalid key \"colour\"", 2)]
    [InlineData("paths \"a\" { capabilities = [\"read\"] }", "invalid key \"paths\"", 1)]
    [InlineData("path \"a\" {\n capabilities = [\"read\" \"list\"]\n}", "expected ',' or ']'", 2)]
    [InlineData("path \"a/*/b\" { capabilities = [\"read\"] }", "only allowed at the end", 1)]
    [InlineData("", "no path rules", 1)]
    [InlineData("path \"a\" {\n capabilities = \"read\"\n}", "expected a list", 2)]
    public void Parse_Errors_NameLineAndColumn(string text, string problem, int line)
    {
        var error = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse("p", text));
        Assert.StartsWith("failed to parse policy: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.Contains($"at line {line}, column ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultPolicy_Parses()
    {
        var policy = PolicyParser.Parse("default", BuiltInPolicies.DefaultText);
        Assert.Contains(policy.Rules, r => r.Pattern == "cubbyhole/*");
        Assert.True(policy.Rules.Count >= 15);
    }

    [Theory]
    [InlineData("root", true)]
    [InlineData("Root", true)]
    [InlineData(" ROOT ", true)]
    [InlineData("root\t", true)]
    [InlineData("ｒｏｏｔ", true)]
    [InlineData("rooted", false)]
    [InlineData("default", false)]
    public void PolicyNames_IsRoot_CatchesEveryVariant(string name, bool expected)
    {
        Assert.Equal(expected, PolicyNames.IsRoot(name));
    }

    [Theory]
    [InlineData("open list")]
    [InlineData("closed list")]
    [InlineData("blocks")]
    [InlineData("labels")]
    [InlineData("objects")]
    [InlineData("json objects")]
    [InlineData("json lists")]
    public void Parse_MillionLevelsOfNesting_IsParseErrorNotStackOverflow(string shape)
    {
        const int levels = 1_000_000;
        var text = shape switch
        {
            "open list" => "path \"x\" { capabilities = " + new string('[', levels),
            "closed list" => "path \"x\" { capabilities = " + new string('[', levels) + new string(']', levels) + " }",
            "blocks" => string.Concat(Enumerable.Repeat("a {", levels)),
            "labels" => "path " + string.Concat(Enumerable.Repeat("\"a\" ", levels)) + "{ capabilities = [\"read\"] }",
            "objects" => "a = " + string.Concat(Enumerable.Repeat("{ a = ", levels)),
            "json objects" => "{\"path\": " + string.Concat(Enumerable.Repeat("{\"a\": ", levels)),
            _ => "{\"path\": {\"x\": {\"capabilities\": " + new string('[', levels) + new string(']', levels) + "}}}",
        };

        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse("p", text));
        Assert.Contains("failed to parse policy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SixtyFiveLevels_NamesTheNestingLimit()
    {
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse("p", "path \"x\" { capabilities = " + new string('[', 65)));
        Assert.Contains("nested more than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingWithinTheLimit_Parses()
    {
        var text = "path \"x\" { capabilities = [\"read\"], allowed_parameters = { \"a\" = [\"b\"] } }";
        Assert.Single(PolicyParser.Parse("p", text).Rules);
    }

    [Theory]
    [InlineData("path \"a\\ud800\" { capabilities = [\"read\"] }")]
    [InlineData("{\"path\": {\"a\\ud800\": {\"capabilities\": [\"read\"]}}}")]
    [InlineData("{\"path\": {\"a\": {\"capabilities\": [\"\\udc00\"]}}}")]
    public void Parse_LoneSurrogateEscape_IsParseError(string text)
    {
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse("p", text));
        Assert.Contains("surrogate", ex.Message, StringComparison.Ordinal);
    }
}
