using System.Text.Json;
using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tests.Policies;

/// <summary>Paths × policies × operations, checked against Vault's documented evaluation rules.</summary>
public sealed class AclTests
{
    private static readonly Dictionary<string, string> Policies = new()
    {
        ["kv-reader"] = """path "secret/data/*" { capabilities = ["read", "list"] }""",
        ["kv-writer"] = """path "secret/data/app/*" { capabilities = ["create", "update"] }""",
        ["exact"] = """path "secret/data/exact" { capabilities = ["read"] }""",
        ["deny-super"] = """
            path "secret/*" { capabilities = ["create", "read", "update", "delete", "list"] }
            path "secret/super-secret" { capabilities = ["deny"] }
            """,
        ["plus"] = """path "secret/+/teamb" { capabilities = ["read"] }""",
        ["plus-glob"] = """path "secret/+/+/foo/*" { capabilities = ["update"] }""",
        ["wide-glob"] = """path "secret/*" { capabilities = ["list"] }""",
        ["prefix-glob"] = """path "secret/foo*" { capabilities = ["read"] }""",
        ["sudo-audit"] = """path "sys/audit/*" { capabilities = ["create", "update", "sudo"] }""",
        ["deny-audit"] = """path "sys/audit/*" { capabilities = ["deny"] }""",
        ["no-sudo"] = """path "sys/rotate" { capabilities = ["update"] }""",
        ["with-sudo"] = """path "sys/rotate" { capabilities = ["update", "sudo"] }""",
        ["meta-list"] = """
            path "foo/metadata/*" { capabilities = ["list"] }
            path "foo/metadata/private/*" { capabilities = ["deny"] }
            """,
        ["list-exact"] = """path "kv/list-me" { capabilities = ["list"] }""",
        ["params"] = """
            path "app/config" {
              capabilities = ["create", "update"]
              allowed_parameters = { "color" = ["red", "blue*"], "size" = [] }
              denied_parameters = { "secret" = [] }
              required_parameters = ["size"]
            }
            """,
        ["params-any"] = """
            path "app/open" {
              capabilities = ["update"]
              allowed_parameters = { "*" = [] }
              denied_parameters = { "admin" = ["true"] }
            }
            """,
        ["deny-all-params"] = """
            path "app/noparams" {
              capabilities = ["update"]
              denied_parameters = { "*" = [] }
            }
            """,
        ["union-a"] = """path "shared/x" { capabilities = ["read"] }""",
        ["union-b"] = """path "shared/x" { capabilities = ["update"] }""",
        ["union-deny"] = """path "shared/x" { capabilities = ["deny"] }""",
        ["patch-only"] = """path "secret/data/p" { capabilities = ["patch"] }""",
        ["deny-adm"] = """
            path "auth/up/users/*" {
              capabilities = ["create", "update"]
              denied_parameters = { "token_policies" = ["adm"] }
            }
            """,
        ["allow-dev"] = """
            path "auth/up/users/*" {
              capabilities = ["create", "update"]
              allowed_parameters = { "Token_Policies" = ["dev-*", "default"], "note" = ["*ok*"] }
            }
            """,
        ["read-v3"] = """
            path "data/x" {
              capabilities = ["read"]
              allowed_parameters = { "version" = ["3"] }
            }
            """,
        ["read-required"] = """
            path "data/r" {
              capabilities = ["read"]
              required_parameters = ["Version"]
            }
            """,
    };

    public static TheoryData<string, string, Operation, string?, bool, bool> Cases => new()
    {
        // policies (comma-separated), path, operation, data (JSON), root path, expected
        { "kv-reader", "secret/data/a", Operation.Read, null, false, true },
        { "kv-reader", "secret/data/a/b/c", Operation.Read, null, false, true },
        { "kv-reader", "secret/data/", Operation.List, null, false, true },
        { "kv-reader", "secret/data/a", Operation.Update, null, false, false },
        { "kv-reader", "secret/data/a", Operation.Delete, null, false, false },
        { "kv-reader", "secret/metadata/a", Operation.Read, null, false, false },
        { "kv-reader", "secretx/data/a", Operation.Read, null, false, false },
        { "kv-writer", "secret/data/app/x", Operation.Create, null, false, true },
        { "kv-writer", "secret/data/app/x", Operation.Update, null, false, true },
        { "kv-writer", "secret/data/app/x", Operation.Read, null, false, false },
        { "kv-writer", "secret/data/other", Operation.Create, null, false, false },
        { "kv-reader,kv-writer", "secret/data/app/x", Operation.Read, null, false, false },
        { "kv-reader,kv-writer", "secret/data/other", Operation.Read, null, false, true },
        { "exact", "secret/data/exact", Operation.Read, null, false, true },
        { "exact", "secret/data/exact/child", Operation.Read, null, false, false },
        { "exact,kv-reader", "secret/data/exact", Operation.List, null, false, false },
        { "deny-super", "secret/anything", Operation.Read, null, false, true },
        { "deny-super", "secret/super-secret", Operation.Read, null, false, false },
        { "deny-super", "secret/super-secret", Operation.Update, null, false, false },
        { "deny-super", "secret/super-secret/child", Operation.Read, null, false, true },
        { "plus", "secret/teama/teamb", Operation.Read, null, false, true },
        { "plus", "secret/a/b/teamb", Operation.Read, null, false, false },
        { "plus", "secret/teamb", Operation.Read, null, false, false },
        { "plus-glob", "secret/a/b/foo/c", Operation.Update, null, false, true },
        { "plus-glob,wide-glob", "secret/a/b/foo/c", Operation.Update, null, false, false },
        { "plus-glob,wide-glob", "secret/a/b/foo/c", Operation.List, null, false, true },
        { "prefix-glob", "secret/foobar", Operation.Read, null, false, true },
        { "prefix-glob", "secret/foo/bar", Operation.Read, null, false, true },
        { "prefix-glob", "secret/fo", Operation.Read, null, false, false },
        { "prefix-glob,wide-glob", "secret/foobar", Operation.Read, null, false, true },
        { "prefix-glob,wide-glob", "secret/other", Operation.Read, null, false, false },
        { "sudo-audit", "sys/audit/file", Operation.Update, null, true, true },
        { "sudo-audit,deny-audit", "sys/audit/file", Operation.Update, null, true, false },
        { "no-sudo", "sys/rotate", Operation.Update, null, true, false },
        { "with-sudo", "sys/rotate", Operation.Update, null, true, true },
        { "no-sudo", "sys/rotate", Operation.Update, null, false, true },
        { "meta-list", "foo/metadata/", Operation.List, null, false, true },
        { "meta-list", "foo/metadata/public/", Operation.List, null, false, true },
        { "meta-list", "foo/metadata/private/", Operation.List, null, false, false },
        { "meta-list", "foo/metadata/private/x", Operation.List, null, false, false },
        { "list-exact", "kv/list-me/", Operation.List, null, false, true },
        { "list-exact", "kv/list-me", Operation.Read, null, false, false },
        { "params", "app/config", Operation.Update, """{"color":"red","size":"l"}""", false, true },
        { "params", "app/config", Operation.Update, """{"color":"blueish","size":"l"}""", false, true },
        { "params", "app/config", Operation.Update, """{"color":"green","size":"l"}""", false, false },
        { "params", "app/config", Operation.Update, """{"size":"l","secret":"x"}""", false, false },
        { "params", "app/config", Operation.Update, """{"color":"red"}""", false, false },
        { "params", "app/config", Operation.Update, """{"size":"l","other":"x"}""", false, false },
        { "params-any", "app/open", Operation.Update, """{"anything":"x","admin":"false"}""", false, true },
        { "params-any", "app/open", Operation.Update, """{"admin":"true"}""", false, false },
        { "deny-all-params", "app/noparams", Operation.Update, """{}""", false, true },
        { "deny-all-params", "app/noparams", Operation.Update, """{"a":1}""", false, false },
        { "union-a,union-b", "shared/x", Operation.Read, null, false, true },
        { "union-a,union-b", "shared/x", Operation.Update, null, false, true },
        { "union-a,union-b,union-deny", "shared/x", Operation.Read, null, false, false },
        { "patch-only", "secret/data/p", Operation.Patch, null, false, true },
        { "patch-only", "secret/data/p", Operation.Update, null, false, false },
        { "deny-adm", "auth/up/users/u", Operation.Create, """{"token_policies":"adm"}""", false, false },
        { "deny-adm", "auth/up/users/u", Operation.Create, """{"token_policies":["adm"]}""", false, false },
        { "deny-adm", "auth/up/users/u", Operation.Create, """{"token_policies":["default","adm"]}""", false, false },
        { "deny-adm", "auth/up/users/u", Operation.Create, """{"token_policies":"default,adm"}""", false, false },
        { "deny-adm", "auth/up/users/u", Operation.Create, """{"token_policies":["dev, adm"]}""", false, false },
        { "deny-adm", "auth/up/users/u", Operation.Create, """{"token_policies":" ADM "}""", false, false },
        { "deny-adm", "auth/up/users/u", Operation.Update, """{"Token_Policies":"adm"}""", false, false },
        { "deny-adm", "auth/up/users/u", Operation.Create, """{"token_policies":"default,dev"}""", false, true },
        { "deny-adm", "auth/up/users/u", Operation.Create, """{"token_policies":["default","admin"]}""", false, true },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"token_policies":["dev-a","default"]}""", false, true },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"token_policies":"dev-a, default"}""", false, true },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"token_policies":"default,dev-a"}""", false, false },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"TOKEN_POLICIES":"dev-a"}""", false, true },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"token_policies":["dev-a","adm"]}""", false, false },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"token_policies":"dev-a,adm"}""", false, false },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"token_policies":[]}""", false, false },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"token_policies":"DEV-a"}""", false, false },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"note":["ok","admin"]}""", false, false },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"note":"ok, also ok"}""", false, true },
        { "allow-dev", "auth/up/users/u", Operation.Create, """{"note":"it is ok, really"}""", false, false },
        { "read-v3", "data/x", Operation.Read, """{"version":"1"}""", false, false },
        { "read-v3", "data/x", Operation.Read, """{"version":["3","1"]}""", false, false },
        { "read-v3", "data/x", Operation.Read, """{"version":"3"}""", false, true },
        { "read-v3", "data/x", Operation.Read, """{}""", false, true },
        { "read-v3", "data/x", Operation.Read, null, false, true },
        { "read-required", "data/r", Operation.Read, """{}""", false, false },
        { "read-required", "data/r", Operation.Read, """{"version":"2"}""", false, true },
        { "root", "sys/anything", Operation.Delete, null, true, true },
        { "", "secret/data/a", Operation.Read, null, false, false },
        { "missing-policy", "secret/data/a", Operation.Read, null, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_FollowsVaultRules(string policies, string path, Operation operation, string? data, bool rootPath, bool allowed)
    {
        var acl = Build(policies);
        var parsed = data is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(data);
        Assert.Equal(allowed, acl.Evaluate(path, operation, parsed, rootPath).Allowed);
    }

    [Theory]
    [InlineData("kv-reader", "secret/data/a", new[] { "list", "read" })]
    [InlineData("deny-super", "secret/super-secret", new[] { "deny" })]
    [InlineData("kv-reader", "nothing/here", new[] { "deny" })]
    [InlineData("root", "anything", new[] { "root" })]
    [InlineData("union-a,union-b", "shared/x", new[] { "read", "update" })]
    [InlineData("with-sudo", "sys/rotate", new[] { "sudo", "update" })]
    public void CapabilityNamesOn_AreSortedNames(string policies, string path, string[] expected)
    {
        Assert.Equal(expected, Build(policies).CapabilityNamesOn(path));
    }

    [Fact]
    public void Evaluate_ExposesWrappingTtlBoundsOfTheWinningRule()
    {
        var policy = PolicyParser.Parse("w", """path "sys/wrapping/wrap" { capabilities = ["update"] min_wrapping_ttl = "1s" max_wrapping_ttl = "90s" }""");
        var result = new Acl([policy]).Evaluate("sys/wrapping/wrap", Operation.Update, null, false);
        Assert.Equal(TimeSpan.FromSeconds(1), result.MinWrappingTtl);
        Assert.Equal(TimeSpan.FromSeconds(90), result.MaxWrappingTtl);
    }

    [Fact]
    public void DefaultPolicy_GrantsSelfServiceAndCubbyhole()
    {
        var acl = new Acl([PolicyParser.Parse("default", BuiltInPolicies.DefaultText)]);
        Assert.True(acl.Evaluate("auth/token/lookup-self", Operation.Read, null, false).Allowed);
        Assert.True(acl.Evaluate("cubbyhole/my/secret", Operation.Create, null, false).Allowed);
        Assert.True(acl.Evaluate("identity/oidc/provider/p1/authorize", Operation.Read, null, false).Allowed);
        Assert.False(acl.Evaluate("secret/data/x", Operation.Read, null, false).Allowed);
        Assert.False(acl.Evaluate("sys/mounts", Operation.Read, null, false).Allowed);
    }

    private static Acl Build(string names) =>
        new(names.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => name == "root"
            ? new Policy("root", "", [])
            : Policies.TryGetValue(name, out var text) ? PolicyParser.Parse(name, text) : null).OfType<Policy>());
}
