using System.Net;
using SecretVault.Cli.Tests.Support;

namespace SecretVault.Cli.Tests.Commands.Kv;

/// <summary><c>kv metadata get</c> prints the key's settings as vault does: durations as <c>0s</c>, <c>1h</c>.</summary>
public sealed class KvMetadataGetCommandTests
{
    // One answer serves both requests: the mount lookup (path, type, options) and the metadata read.
    private const string Answer = """
        {"data":{"path":"secret/","type":"kv","options":{"version":"2"},
        "cas_required":false,"created_time":"2026-01-01T00:00:00Z","current_version":1,"custom_metadata":null,
        "delete_version_after":"0s","max_versions":0,"oldest_version":0,"updated_time":"2026-01-01T00:00:00Z",
        "versions":{"1":{"created_time":"2026-01-01T00:00:00Z","deletion_time":"","destroyed":false}}}}
        """;

    [Fact]
    public async Task MetadataGet_ShowsSettingsAsVault()
    {
        var (code, output, _) = await CliRun.RunAsync(new StubHandler(HttpStatusCode.OK, Answer), null, "kv", "metadata", "get", "secret/app");
        Assert.Equal(0, code);
        Assert.Matches(@"\ncas_required +false\n", output);
        Assert.Matches(@"\ncustom_metadata +<nil>\n", output);
        Assert.Matches(@"\ndelete_version_after +0s\n", output);
        Assert.Matches(@"\nmax_versions +0\n", output);
        Assert.Matches(@"\ndeletion_time +n/a\n", output);
        Assert.Contains("Version 1", output, StringComparison.Ordinal);
    }
}
