using System.Net;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Policies;

/// <summary>Policy names are lower-cased when stored; the ACL judges the name that is stored as well as the one sent.</summary>
public sealed class PolicyNameNormalizationTests
{
    private const string Original = "path \"kv/tgt\" {\n  capabilities = [\"read\"]\n}\n";
    private const string Takeover = "path \"*\" {\n  capabilities = [\"sudo\", \"create\", \"read\", \"update\", \"delete\", \"list\"]\n}\n";

    [Theory]
    [InlineData("sys/policy/", "TGT", "Team")]
    [InlineData("sys/policies/acl/", "Tgt", "TEAM")]
    public async Task OtherCaseOfADeniedName_CannotOverwriteOrDeleteIt(string prefix, string target, string other)
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/tgt", new { policy = Original }, HttpStatusCode.NoContent);
        var managerPolicy = $"path \"{prefix}tgt\" {{\n  capabilities = [\"deny\"]\n}}\npath \"{prefix}*\" {{\n  capabilities = [\"create\", \"read\", \"update\", \"delete\"]\n}}\n";
        await ExpectAsync(server, root, HttpMethod.Put, "v1/sys/policies/acl/manager", new { policy = managerPolicy }, HttpStatusCode.NoContent);
        var manager = await CreateTokenAsync(server, root, new { policies = new[] { "manager" } });

        await ExpectAsync(server, manager, HttpMethod.Put, $"v1/{prefix}{target}", new { policy = Takeover }, HttpStatusCode.Forbidden);
        await ExpectAsync(server, manager, HttpMethod.Delete, $"v1/{prefix}{target}", null, HttpStatusCode.Forbidden);
        await ExpectAsync(server, manager, HttpMethod.Get, $"v1/{prefix}{target}", null, HttpStatusCode.Forbidden);
        var kept = await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/policies/acl/tgt", null, HttpStatusCode.OK);
        Assert.Equal(Original, kept.GetProperty("data").GetProperty("policy").GetString());

        // A name in another case still works where the stored name is allowed, with Vault's warning.
        var written = await ExpectAsync(server, manager, HttpMethod.Put, $"v1/{prefix}{other}", new { policy = Original }, HttpStatusCode.OK);
        Assert.StartsWith("policy name was converted to team", written.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        await ExpectAsync(server, root, HttpMethod.Get, "v1/sys/policies/acl/team", null, HttpStatusCode.OK);
    }
}
