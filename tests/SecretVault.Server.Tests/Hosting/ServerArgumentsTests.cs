using SecretVault.Server.Hosting;

namespace SecretVault.Server.Tests.Hosting;

public sealed class ServerArgumentsTests
{
    [Theory]
    [InlineData("-dev")]
    [InlineData("--dev")]
    public void Parse_Dev_SetsDevWithDefaults(string flag)
    {
        var parsed = ServerArguments.Parse([flag]);
        Assert.True(parsed.Dev);
        Assert.Equal("127.0.0.1:8200", parsed.DevListenAddress);
        Assert.Null(parsed.DevRootTokenId);
    }

    [Fact]
    public void Parse_DevFlagsWithEqualsAndSpace_AreRead()
    {
        var parsed = ServerArguments.Parse(["--dev", "--dev-root-token-id=root", "-dev-listen-address", "127.0.0.1:9200"]);
        Assert.Equal("root", parsed.DevRootTokenId);
        Assert.Equal("127.0.0.1:9200", parsed.DevListenAddress);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-help")]
    [InlineData("--help")]
    public void Parse_Help_NeedsNoOtherFlag(string flag) => Assert.True(ServerArguments.Parse([flag]).Help);

    [Fact]
    public void Parse_Config_ReadsPath()
    {
        Assert.Equal("server.yaml", ServerArguments.Parse(["--config", "server.yaml"]).ConfigPath);
        Assert.Equal("a.yaml", ServerArguments.Parse(["-config=a.yaml"]).ConfigPath);
    }

    [Theory]
    [InlineData("", "-dev or -config")]
    [InlineData("-bogus", "flag provided but not defined: -bogus")]
    [InlineData("-config", "flag needs an argument")]
    public void Parse_Bad_Throws(string args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ServerArguments.Parse(args.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
