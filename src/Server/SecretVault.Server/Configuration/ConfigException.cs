namespace SecretVault.Server.Configuration;

/// <summary>A configuration problem; the message names the file or key, never a secret value.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message) : base(message)
    {
    }

    public ConfigException(string message, Exception inner) : base(message, inner)
    {
    }
}
