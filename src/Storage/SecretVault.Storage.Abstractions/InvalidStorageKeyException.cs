namespace SecretVault.Storage.Abstractions;

/// <summary>A storage key with an empty, '.' or '..' segment, or a control character. Maps to HTTP 400.</summary>
public sealed class InvalidStorageKeyException : ArgumentException
{
    public InvalidStorageKeyException() : base("invalid storage key: empty segments, '.', '..' and control characters are not allowed")
    {
    }

    public InvalidStorageKeyException(string message) : base(message)
    {
    }

    public InvalidStorageKeyException(string message, Exception inner) : base(message, inner)
    {
    }
}
