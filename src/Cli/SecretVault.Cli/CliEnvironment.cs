namespace SecretVault.Cli;

/// <summary>Everything a command touches outside itself, injectable so commands run in tests without a process.</summary>
public sealed record CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Reads one line of secret input without echo (a terminal) or from redirected stdin.</summary>
    public required Func<string, string?> ReadSecret { get; init; }

    /// <summary>Reads all of standard input (for <c>-</c> arguments).</summary>
    public Func<string> ReadAllInput { get; init; } = () => System.Console.In.ReadToEnd();

    public required Func<string, string?> Variable { get; init; }

    public string? HomeDirectory { get; init; }

    /// <summary>Makes the HTTP handler for a client; tests may point it anywhere, by default a SocketsHttpHandler.</summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; init; }

    /// <summary>The real console.</summary>
    public static CliEnvironment Console() => new()
    {
        Out = System.Console.Out,
        Error = System.Console.Error,
        ReadSecret = SecretPrompt.Read,
        Variable = Environment.GetEnvironmentVariable,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
    };
}
