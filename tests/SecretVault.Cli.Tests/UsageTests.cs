using System.Text.RegularExpressions;
using SecretVault.Cli.Tests.Support;

namespace SecretVault.Cli.Tests;

public sealed class UsageTests
{
    [Theory]
    [InlineData("lgoin", "Did you mean \"login\"?")]
    [InlineData("statsu", "Did you mean \"status\"?")]
    [InlineData("kv pt", "Did you mean \"kv put\"?")]
    public async Task UnknownCommand_Exits127WithSuggestion(string words, string suggestion)
    {
        var (code, _, error) = await CliRun.RunAsync(null, null, words.Split(' '));
        Assert.Equal(127, code);
        Assert.Contains(suggestion, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "kv", "-h")]
    [InlineData(0, "kv", "-help")]
    [InlineData(1, "kv")]
    [InlineData(0, "operator", "--help")]
    public async Task Group_HelpListsItsSubcommands(int expected, params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(null, null, args);
        Assert.Equal(expected, code);
        Assert.Contains($"{args[0]} ", output + error, StringComparison.Ordinal);
        Assert.Contains("Usage: vaultcli " + args[0], output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("-version")]
    [InlineData("-v")]
    [InlineData("--version")]
    public async Task Version_PrintsTheVersionExit0(string arg)
    {
        var (code, output, _) = await CliRun.RunAsync(null, null, arg);
        Assert.Equal(0, code);
        Assert.Matches(@"^SecretVault vaultcli v\d+\.\d+\.\d+", output);
    }

    [Fact]
    public async Task Help_ColumnsNeverRunTogether()
    {
        var (code, _, error) = await CliRun.RunAsync(null, null, "-help");
        Assert.Equal(0, code);
        var lines = error.Split('\n').Where(l => l.StartsWith("    ", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("operator generate-root", StringComparison.Ordinal));
        foreach (var command in CommandRegistry.Default.Commands)
        {
            Assert.Contains(lines, l => Regex.IsMatch(l, $"^    {Regex.Escape(command.Name)} {{2,}}\\S"));
        }
    }
}
