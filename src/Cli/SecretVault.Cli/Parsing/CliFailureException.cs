namespace SecretVault.Cli.Parsing;

/// <summary>A local failure printed as one line (for example <c>Error opening policy file: ...</c>) with vault's exit code.</summary>
public sealed class CliFailureException : Exception
{
    public CliFailureException()
    {
    }

    public CliFailureException(string message) : base(message)
    {
    }

    public CliFailureException(string message, Exception inner) : base(message, inner)
    {
    }

    public CliFailureException(string message, int exitCode, Exception? inner = null) : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; } = 1;
}
