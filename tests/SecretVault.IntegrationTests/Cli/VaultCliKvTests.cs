using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Cli;

/// <summary>vaultcli kv against a real server, on KV v2 and KV v1 mounts.</summary>
public sealed class VaultCliKvTests : IAsyncLifetime
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("sv-cli-kv-");
    private TestServer _server = null!;
    private string _root = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartInMemoryAsync();
        _root = await _server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv-v2" }, HttpStatusCode.NoContent);
        await VaultHttp.ExpectAsync(_server, _root, HttpMethod.Post, "v1/sys/mounts/old", new { type = "kv" }, HttpStatusCode.NoContent);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Delete(recursive: true);
    }

    [Fact]
    public async Task PutGetPatchVersions_OnKvV2()
    {
        var (code, output, _) = await KvAsync(null, "put", "secret/app/db", "user=admin", "password=one");
        Assert.Equal(0, code);
        Assert.Contains("== Secret Path ==\nsecret/data/app/db", output, StringComparison.Ordinal);
        Assert.Matches(@"version\s+1", output);

        (code, output, _) = await KvAsync("{\"user\":\"admin\",\"password\":\"two\"}", "put", "-cas=1", "-mount=secret", "app/db", "-");
        Assert.Equal(0, code);
        Assert.Matches(@"version\s+2", output);

        (code, _, var error) = await KvAsync(null, "put", "-cas=1", "secret/app/db", "user=late");
        Assert.Equal(2, code);
        Assert.Contains("check-and-set parameter did not match the current version", error, StringComparison.Ordinal);

        (code, output, _) = await KvAsync(null, "get", "secret/app/db");
        Assert.Equal(0, code);
        Assert.Contains("======= Data =======", output, StringComparison.Ordinal);
        Assert.Matches(@"password\s+two", output);
        Assert.Matches(@"deletion_time\s+n/a", output);

        (code, output, _) = await KvAsync(null, "get", "-version=1", "-field=password", "secret/app/db");
        Assert.Equal(0, code);
        Assert.Equal("one", output.Trim());

        (code, output, _) = await KvAsync(null, "patch", "secret/app/db", "password=three", "extra=x");
        Assert.Equal(0, code);
        Assert.Matches(@"version\s+3", output);
        (code, output, _) = await KvAsync(null, "get", "-format=json", "secret/app/db");
        var data = JsonDocument.Parse(output).RootElement.GetProperty("data").GetProperty("data");
        Assert.Equal("admin", data.GetProperty("user").GetString());
        Assert.Equal("three", data.GetProperty("password").GetString());
        Assert.Equal("x", data.GetProperty("extra").GetString());

        (code, output, _) = await KvAsync(null, "patch", "-method=rw", "secret/app/db", "password=four");
        Assert.Equal(0, code);
        Assert.Matches(@"version\s+4", output);

        (code, output, _) = await KvAsync(null, "rollback", "-version=1", "secret/app/db");
        Assert.Equal(0, code);
        Assert.Matches(@"version\s+5", output);
        (code, output, _) = await KvAsync(null, "get", "-field=password", "secret/app/db");
        Assert.Equal("one", output.Trim());
    }

    [Fact]
    public async Task DeleteUndeleteDestroyListAndMetadata_OnKvV2()
    {
        await KvAsync(null, "put", "secret/team/a", "v=1");
        await KvAsync(null, "put", "secret/team/a", "v=2");
        await KvAsync(null, "put", "secret/team/b/c", "v=1");

        var (code, output, _) = await KvAsync(null, "list", "secret/team");
        Assert.Equal(0, code);
        Assert.Equal(["Keys", "----", "a", "b/"], output.Trim().Split('\n'));

        (code, output, _) = await KvAsync(null, "delete", "secret/team/a");
        Assert.Equal(0, code);
        Assert.Equal("Success! Data deleted (if it existed) at: secret/data/team/a", output.Trim());
        (code, output, _) = await KvAsync(null, "get", "secret/team/a");
        Assert.Equal(0, code);
        Assert.DoesNotContain("== Data ==", output, StringComparison.Ordinal);
        Assert.Matches(@"deletion_time\s+\d{4}-", output);

        (code, output, _) = await KvAsync(null, "undelete", "-versions=2", "secret/team/a");
        Assert.Equal(0, code);
        Assert.Equal("Success! Data written to: secret/undelete/team/a", output.Trim());
        (code, output, _) = await KvAsync(null, "get", "-field=v", "secret/team/a");
        Assert.Equal("2", output.Trim());

        (code, _, var error) = await KvAsync(null, "destroy", "secret/team/a");
        Assert.Equal(1, code);
        Assert.Contains("no versions provided", error, StringComparison.Ordinal);
        (code, _, _) = await KvAsync(null, "destroy", "-versions=1", "secret/team/a");
        Assert.Equal(0, code);
        (code, _, _) = await KvAsync(null, "delete", "-versions=2", "secret/team/a");
        Assert.Equal(0, code);

        (code, output, _) = await KvAsync(null, "metadata", "put", "-max-versions=4", "-custom-metadata=owner=ops", "-custom-metadata=tier=gold", "secret/team/a");
        Assert.Equal(0, code);
        Assert.Equal("Success! Data written to: secret/metadata/team/a", output.Trim());
        (code, _, _) = await KvAsync(null, "metadata", "patch", "-cas-required=true", "secret/team/a");
        Assert.Equal(0, code);

        (code, output, _) = await KvAsync(null, "metadata", "get", "secret/team/a");
        Assert.Equal(0, code);
        Assert.Contains("== Metadata Path ==\nsecret/metadata/team/a", output, StringComparison.Ordinal);
        Assert.Matches(@"max_versions\s+4", output);
        Assert.Matches(@"cas_required\s+true", output);
        Assert.Matches(@"custom_metadata\s+map\[owner:ops tier:gold\]", output);
        Assert.Contains("======= Version 1 =======", output, StringComparison.Ordinal);
        Assert.Matches(@"(?s)Version 1 =+\n.*destroyed\s+true", output);

        (code, output, _) = await KvAsync(null, "metadata", "get", "-format=json", "secret/team/a");
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("data").GetProperty("versions").GetProperty("2").GetProperty("deletion_time").GetString()!.Length > 0);

        (code, output, _) = await KvAsync(null, "metadata", "delete", "secret/team/a");
        Assert.Equal(0, code);
        (code, _, error) = await KvAsync(null, "get", "secret/team/a");
        Assert.Equal(2, code);
        Assert.Contains("No value found at secret/data/team/a", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KvV1Mount_UsesPlainPaths_AndEnableVersioningUpgradesIt()
    {
        var (code, output, _) = await KvAsync(null, "put", "old/cfg", "ttl=30m", "value=v1");
        Assert.Equal(0, code);
        Assert.Equal("Success! Data written to: old/cfg", output.Trim());
        (code, output, _) = await KvAsync(null, "get", "old/cfg");
        Assert.Equal(0, code);
        Assert.Matches(@"refresh_interval\s+30m", output);
        Assert.Matches(@"value\s+v1", output);

        (code, _, var error) = await KvAsync(null, "undelete", "-versions=1", "old/cfg");
        Assert.Equal(1, code);
        Assert.Contains("not supported on KV version 1", error, StringComparison.Ordinal);

        (code, output, _) = await KvAsync(null, "enable-versioning", "old");
        Assert.Equal(0, code);
        Assert.Equal("Success! Tuned the secrets engine at: old/", output.Trim());
        (code, output, _) = await KvAsync(null, "get", "-format=json", "old/cfg");
        Assert.Equal(0, code);
        var read = JsonDocument.Parse(output).RootElement.GetProperty("data");
        Assert.Equal("v1", read.GetProperty("data").GetProperty("value").GetString());
        Assert.Equal(1, read.GetProperty("metadata").GetProperty("version").GetInt32());
    }

    private Task<(int Code, string Out, string Error)> KvAsync(string? stdin, params string[] args) =>
        VaultCli.RunAsync(_server, _home.FullName, _root, stdin, ["kv", .. args]);
}
