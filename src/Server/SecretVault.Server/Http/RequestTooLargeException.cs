namespace SecretVault.Server.Http;

/// <summary>The request body is over <c>max_request_size</c>.</summary>
public sealed class RequestTooLargeException : Exception
{
    public RequestTooLargeException() : base("http: request body too large")
    {
    }

    public RequestTooLargeException(string message) : base(message)
    {
    }

    public RequestTooLargeException(string message, Exception inner) : base(message, inner)
    {
    }
}
