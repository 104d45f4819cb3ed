namespace SecretVault.Cli.Parsing;

/// <summary>A wrong command line: unknown flag, missing argument, bad value. Exit code 1.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message) : base(message)
    {
    }

    public CliUsageException(string message, Exception inner) : base(message, inner)
    {
    }
}
