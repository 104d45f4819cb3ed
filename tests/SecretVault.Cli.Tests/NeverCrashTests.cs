using System.Net;
using SecretVault.Cli.Tests.Support;

namespace SecretVault.Cli.Tests;

/// <summary>vaultcli answers every wrong command line and every odd server answer with one line and vault's exit code, never a stack trace.</summary>
public sealed class NeverCrashTests
{
    private static readonly string[][] ArgumentShapes =
    [
        [],
        ["a", "b", "c", "d", "e"],
        ["-format=json", "x/y", "k=v"],
        ["-field=nope", "secret/x", "k=@/nonexistent/file"],
        ["x", "=v", "k"],
        ["-", "-"],
        ["-key-shares=abc", "-versions=x,y", "-increment=zz", "-ttl=-", "p"],
        ["-mount=secret", "x", "k=@/tmp"],
    ];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        var answers = new (string Body, int Status)[] { ("{}", 200), ("{\"errors\":[]}", 404), ("[1]", 200), ("not json", 500) };
        foreach (var command in CommandRegistry.Default.Commands)
        {
            for (var shape = 0; shape < ArgumentShapes.Length; shape++)
            {
                var (body, status) = answers[shape % answers.Length];
                data.Add(command.Name, body, shape * 1000 + status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnyCommand_OddArgumentsOrAnswers_OneLineErrorNoStackTrace(string command, string body, int shapeAndStatus)
    {
        var handler = new StubHandler((HttpStatusCode)(shapeAndStatus % 1000), body);
        string[] args = [.. command.Split(' '), .. ArgumentShapes[shapeAndStatus / 1000]];

        var (code, output, error) = await CliRun.RunAsync(handler, null, args);

        Assert.InRange(code, 0, 2);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "Error opening policy file: open /nonexistent/p.hcl: no such file or directory", "policy", "write", "p", "/nonexistent/p.hcl")]
    [InlineData(2, "Error opening policy file: read /tmp: is a directory", "policy", "write", "p", "/tmp")]
    [InlineData(1, "Failed to parse K=V data: open /nonexistent/v: no such file or directory", "kv", "put", "secret/x", "k=@/nonexistent/v")]
    [InlineData(1, "Failed to parse K=V data: read /tmp: is a directory", "write", "secret/x", "k=@/tmp")]
    [InlineData(1, "Error reading source file: open /nonexistent/p.hcl: no such file or directory", "policy", "fmt", "/nonexistent/p.hcl")]
    public async Task FileArgument_MissingOrFolder_IsOneLineWithVaultsExitCode(int expected, string message, params string[] args)
    {
        var handler = new StubHandler(HttpStatusCode.OK, "{\"data\":{\"type\":\"kv\",\"path\":\"secret/\",\"options\":{\"version\":\"2\"}}}");

        var (code, output, error) = await CliRun.RunAsync(handler, null, args);

        Assert.Equal(expected, code);
        Assert.Equal(message, error.Trim());
        Assert.Equal("", output);
        Assert.DoesNotContain(handler.Requests, r => r.Method != HttpMethod.Get);
    }
}
