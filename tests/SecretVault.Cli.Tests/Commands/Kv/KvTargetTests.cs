using SecretVault.Cli.Commands.Kv;
using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Tests.Commands.Kv;

public sealed class KvTargetTests
{
    [Fact]
    public void V2_RewritesToTheApiPrefixes()
    {
        var target = new KvTarget("secret/", 2, "app/db");
        Assert.Equal("secret/data/app/db", target.DataPath);
        Assert.Equal("secret/metadata/app/db", target.MetadataPath);
        Assert.Equal("secret/undelete/app/db", target.ActionPath("undelete"));
        Assert.Equal("secret/destroy/app/db", target.ActionPath("destroy"));
    }

    [Fact]
    public void V1_KeepsThePlainPath_AndRefusesVersionedCommands()
    {
        var target = new KvTarget("old/", 1, "cfg");
        Assert.Equal("old/cfg", target.DataPath);
        Assert.Contains("not supported on KV version 1", Assert.Throws<CliUsageException>(() => target.MetadataPath).Message, StringComparison.Ordinal);
        Assert.Throws<CliUsageException>(() => target.ActionPath("destroy"));
    }

    [Fact]
    public void MountRoot_ListsFromTheMetadataRoot()
    {
        Assert.Equal("secret/metadata/", new KvTarget("secret/", 2, "").MetadataPath);
    }
}
