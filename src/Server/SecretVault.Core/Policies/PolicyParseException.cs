namespace SecretVault.Core.Policies;

/// <summary>A policy that does not parse; the message names the line and column.</summary>
public sealed class PolicyParseException : Exception
{
    public PolicyParseException()
    {
    }

    public PolicyParseException(string message) : base(message)
    {
    }

    public PolicyParseException(string message, Exception inner) : base(message, inner)
    {
    }

    public PolicyParseException(string problem, int line, int column)
        : base($"failed to parse policy: {problem} at line {line}, column {column}")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
