using System.Text.RegularExpressions;

namespace SecretVault.Cli.Tests;

/// <summary>docs/cli.md names every command of the command table and every flag each one accepts.</summary>
public sealed class CliDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(FindRoot(), "docs", "cli.md"));

    public static TheoryData<string> Commands => [.. CommandRegistry.Default.Commands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Doc_NamesTheCommandAndEachOfItsFlags(string name)
    {
        var command = CommandRegistry.Default.Commands.Single(c => c.Name == name);
        var words = string.Join(@"\b.*\b", name.Split(' ').Select(Regex.Escape));
        Assert.True(Doc.Split('\n').Any(line => Regex.IsMatch(line, $@"\b{words}\b")), $"docs/cli.md does not list \"{name}\"");
        var missing = command.ValueFlags.Concat(command.BooleanFlags).Where(flag => !Regex.IsMatch(Doc, $@"(?<![\w-])-{Regex.Escape(flag)}(?![\w-])")).ToList();
        Assert.True(missing.Count == 0, $"docs/cli.md does not name these flags of \"{name}\": {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("address")]
    [InlineData("format")]
    [InlineData("ca-cert")]
    [InlineData("ca-path")]
    [InlineData("client-cert")]
    [InlineData("client-key")]
    [InlineData("tls-server-name")]
    [InlineData("tls-skip-verify")]
    [InlineData("wrap-ttl")]
    [InlineData("output-curl-string")]
    [InlineData("help")]
    public void Doc_NamesEachCommonFlag(string flag)
    {
        Assert.Matches($@"(?<![\w-])-{Regex.Escape(flag)}(?![\w-])", Doc);
    }

    [Fact]
    public void Doc_SaysHowToInstall()
    {
        Assert.Contains("README.md#installing", Doc, StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "SecretVault.sln")))
        {
            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("SecretVault.sln not found");
        }

        return dir;
    }
}
