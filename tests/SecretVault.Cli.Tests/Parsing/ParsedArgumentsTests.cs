using SecretVault.Cli.Parsing;

namespace SecretVault.Cli.Tests.Parsing;

public sealed class ParsedArgumentsTests
{
    private static readonly HashSet<string> Booleans = ["reset", "status"];

    [Fact]
    public void Parse_VaultStyles_AllRead()
    {
        var parsed = ParsedArguments.Parse(["-key-shares=3", "--key-threshold", "2", "-reset", "KEY", "-format=json"], Booleans);
        Assert.Equal("3", parsed.Get("key-shares"));
        Assert.Equal(2, parsed.GetInt("key-threshold", 0));
        Assert.True(parsed.GetBool("reset"));
        Assert.Equal("json", parsed.Get("format"));
        Assert.Equal(["KEY"], parsed.Positional);
    }

    [Fact]
    public void Parse_LoneDashAndDoubleDash_ArePositional()
    {
        var parsed = ParsedArguments.Parse(["-", "--", "-not-a-flag"], Booleans);
        Assert.Equal(["-", "-not-a-flag"], parsed.Positional);
    }

    [Fact]
    public void Parse_ValueFlagWithoutValue_IsUsageError()
    {
        Assert.Throws<CliUsageException>(() => ParsedArguments.Parse(["-key-shares"], Booleans));
    }

    [Fact]
    public void GetInt_NotANumber_IsUsageError()
    {
        var parsed = ParsedArguments.Parse(["-key-shares=five"], Booleans);
        Assert.Throws<CliUsageException>(() => parsed.GetInt("key-shares", 5));
        Assert.Equal(5, ParsedArguments.Parse([], Booleans).GetInt("key-shares", 5));
    }
}
