using System.Net;
using System.Text.Json;
using SecretVault.Cli.Output;
using SecretVault.Cli.Tests.Support;

namespace SecretVault.Cli.Tests;

public sealed class OutputTests
{
    private const string SealStatus = """{"type":"shamir","initialized":true,"sealed":false,"t":1,"n":1,"progress":0,"nonce":"","version":"1.0.0","build_date":"","migration":false,"recovery_seal":false,"storage_type":"inmem","ha_enabled":false}""";

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(3600, "1h")]
    [InlineData(2764770, "767h59m30s")]
    [InlineData(2764800, "768h")]
    [InlineData(3630, "1h30s")]
    [InlineData(90, "1m30s")]
    public void Duration_IsGosWithoutZeroUnits(long seconds, string expected) => Assert.Equal(expected, EnvelopePrinter.Duration(seconds));

    [Fact]
    public async Task StatusJson_IsFlat()
    {
        var (code, output, _) = await CliRun.RunAsync(new StubHandler(HttpStatusCode.OK, SealStatus), null, "status", "-format=json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("sealed").GetBoolean());
        Assert.Equal("shamir", json.RootElement.GetProperty("type").GetString());
        Assert.True(json.RootElement.TryGetProperty("ha_enabled", out _));
    }

    [Fact]
    public async Task StatusYaml_IsYaml()
    {
        var (code, output, _) = await CliRun.RunAsync(new StubHandler(HttpStatusCode.OK, SealStatus), null, "status", "-format=yaml");
        Assert.Equal(0, code);
        Assert.Contains("sealed: false\n", output, StringComparison.Ordinal);
        Assert.Contains("type: shamir\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenLookup_TtlsAreDurations_EmptyIsNa()
    {
        const string body = """{"request_id":"r","lease_id":"","renewable":false,"lease_duration":0,"data":{"ttl":2764770,"creation_ttl":2764800,"explicit_max_ttl":0,"period":null,"display_name":"","num_uses":0}}""";
        var (code, output, _) = await CliRun.RunAsync(new StubHandler(HttpStatusCode.OK, body), null, "token", "lookup");
        Assert.Equal(0, code);
        Assert.Matches(@"\nttl\s+767h59m30s\n", output);
        Assert.Matches(@"\ncreation_ttl\s+768h\n", output);
        Assert.Matches(@"\nexplicit_max_ttl\s+0s\n", output);
        Assert.Matches(@"\nperiod\s+<nil>\n", output);
        Assert.Matches(@"\ndisplay_name\s+n/a\n", output);
        Assert.Matches(@"\nnum_uses\s+0\n", output);
    }

    [Fact]
    public async Task KvV1Read_ShowsRefreshInterval()
    {
        const string body = """{"request_id":"r","lease_id":"","renewable":false,"lease_duration":1800,"data":{"value":"v1"}}""";
        var (code, output, _) = await CliRun.RunAsync(new StubHandler(HttpStatusCode.OK, body), null, "read", "old/cfg");
        Assert.Equal(0, code);
        Assert.Matches(@"refresh_interval\s+30m\n", output);
        Assert.DoesNotContain("lease_duration", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOfABareObject_PrintsItsFields()
    {
        const string body = """{"initialized":true,"sealed":false,"standby":false,"version":"1.0.0"}""";
        var (code, output, _) = await CliRun.RunAsync(new StubHandler(HttpStatusCode.OK, body), null, "read", "sys/health");
        Assert.Equal(0, code);
        Assert.Matches(@"initialized\s+true\n", output);
        Assert.Matches(@"version\s+1\.0\.0\n", output);
    }

    [Fact]
    public async Task SecretsListDetailed_HasVaultsColumns()
    {
        const string body = """{"request_id":"r","data":{"secret/":{"type":"kv","accessor":"kv_1","description":"","config":{"default_lease_ttl":0,"max_lease_ttl":3600,"force_no_cache":false},"local":false,"seal_wrap":false,"external_entropy_access":false,"options":{"version":"2"},"uuid":"u-1","plugin_version":""},"sys/":{"type":"system","accessor":"system_1","description":"system endpoints","config":{},"options":null,"uuid":"u-2"}}}""";
        var (code, output, _) = await CliRun.RunAsync(new StubHandler(HttpStatusCode.OK, body), null, "secrets", "list", "-detailed");
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.Matches(@"^Path\s+Plugin\s+Accessor\s+Default TTL\s+Max TTL\s+Force No Cache\s+Replication\s+Seal Wrap\s+External Entropy Access\s+Options\s+Description\s+UUID\s+Version\s+Running Version\s+Running SHA256\s+Deprecation Status$", lines[0]);
        Assert.Matches(@"^secret/\s+kv\s+kv_1\s+system\s+3600\s+false\s+replicated\s+false\s+false\s+map\[version:2\]\s+n/a\s+u-1\s+n/a\s+n/a\s+n/a\s+n/a$", lines[2]);
        Assert.Matches(@"^sys/\s+system\s+system_1\s+n/a\s+n/a\s+false\s+replicated\s+false\s+false\s+map\[\]\s+system endpoints\s+u-2", lines[3]);
    }

    [Fact]
    public async Task OutputCurlString_PrintsTheRequestWithoutSendingIt()
    {
        var handler = new StubHandler(HttpStatusCode.OK, "{}");
        var variables = new Dictionary<string, string> { ["VAULT_ADDR"] = "http://127.0.0.1:8200", ["VAULT_TOKEN"] = "hvs.secret" };
        var (code, output, _) = await CliRun.RunAsync(handler, variables, "write", "-output-curl-string", "secret/x", "k=v");
        Assert.Equal(0, code);
        Assert.Equal("""curl -X PUT -H "X-Vault-Request: true" -H "X-Vault-Token: $VAULT_TOKEN" -d '{"k":"v"}' http://127.0.0.1:8200/v1/secret/x""", output.Trim());
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Login_UnknownMethod_SaysSoExit1()
    {
        var handler = new StubHandler(HttpStatusCode.OK, "{}");
        var (code, _, error) = await CliRun.RunAsync(handler, null, "login", "-method=ldap", "username=u");
        Assert.Equal(1, code);
        Assert.StartsWith("Unknown auth method: ldap.", error, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
