namespace SecretVault.Client;

/// <summary>A non-2xx answer from the server, with Vault's <c>errors</c> list.</summary>
public sealed class VaultApiException : Exception
{
    public VaultApiException()
    {
        Errors = [];
    }

    public VaultApiException(string message) : base(message)
    {
        Errors = [];
    }

    public VaultApiException(string message, Exception inner) : base(message, inner)
    {
        Errors = [];
    }

    /// <summary>Creates the error for one failed request.</summary>
    public VaultApiException(int statusCode, IReadOnlyList<string> errors, string method, Uri url, System.Text.Json.JsonElement? body = null)
        : base($"Error making API request. Code: {statusCode}")
    {
        StatusCode = statusCode;
        Errors = errors;
        Method = method;
        Url = url;
        Body = body;
    }

    /// <summary>The response body when it was JSON (a KV v2 read of a deleted version answers 404 with data).</summary>
    public System.Text.Json.JsonElement? Body { get; }

    public int StatusCode { get; }

    public IReadOnlyList<string> Errors { get; }

    public string Method { get; } = "";

    public Uri? Url { get; }
}
