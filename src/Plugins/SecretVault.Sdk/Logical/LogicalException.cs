namespace SecretVault.Sdk.Logical;

/// <summary>
/// An error that reaches the client as Vault's <c>{"errors":[...]}</c> with <see cref="StatusCode"/>.
/// Messages say what was wrong and never contain a secret.
/// </summary>
public sealed class LogicalException : Exception
{
    public LogicalException() : this(500, "internal error")
    {
    }

    public LogicalException(string message) : this(400, message)
    {
    }

    public LogicalException(string message, Exception inner) : base(message, inner)
    {
        StatusCode = 500;
        Errors = [message];
    }

    /// <summary>Creates an error with one message; an empty message gives <c>"errors":[]</c>.</summary>
    public LogicalException(int statusCode, string message) : base(message)
    {
        StatusCode = statusCode;
        Errors = message.Length == 0 ? [] : [message];
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The messages of the <c>errors</c> array.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Optional <c>data</c> sent next to the errors (a KV v2 read of a deleted version).</summary>
    public IDictionary<string, object?>? ResponseData { get; init; }

    /// <summary>
    /// True for a login refused for a wrong credential (password, secret ID): the core's user lockout counts
    /// these against the login's alias, and answers a locked alias with the same error.
    /// </summary>
    public bool IsInvalidCredentials { get; private init; }

    /// <summary>400 with <paramref name="message"/>.</summary>
    public static LogicalException BadRequest(string message) => new(400, message);

    /// <summary>400 with <paramref name="message"/> for a wrong credential at login (see <see cref="IsInvalidCredentials"/>).</summary>
    public static LogicalException InvalidCredentials(string message) => new(400, message) { IsInvalidCredentials = true };

    /// <summary>403 <c>permission denied</c>.</summary>
    public static LogicalException PermissionDenied() => new(403, "permission denied");

    /// <summary>404 with an empty <c>errors</c> array.</summary>
    public static LogicalException NotFound() => new(404, "");

    /// <summary>404 <c>unsupported path</c>.</summary>
    public static LogicalException UnsupportedPath() => new(404, "unsupported path");

    /// <summary>405 <c>unsupported operation</c>.</summary>
    public static LogicalException UnsupportedOperation() => new(405, "unsupported operation");

    /// <summary>503 <c>Vault is sealed</c>.</summary>
    public static LogicalException Sealed() => new(503, "Vault is sealed");
}
