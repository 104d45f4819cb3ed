using System.Net.Sockets;

namespace SecretVault.Client;

/// <summary>A request that got no HTTP answer, with a one-line reason in the vault CLI's words.</summary>
public sealed class VaultConnectionException : HttpRequestException
{
    public VaultConnectionException()
    {
    }

    public VaultConnectionException(string message) : base(message)
    {
    }

    public VaultConnectionException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>
    /// Describes <paramref name="error"/> for <c>METHOD "URL"</c> as Go's net/http would:
    /// <c>dial tcp 127.0.0.1:8200: connect: connection refused</c>, <c>http: server gave HTTP response to HTTPS
    /// client</c>, <c>tls: failed to verify certificate: x509: ...</c>.
    /// </summary>
    public static VaultConnectionException From(HttpRequestException error, HttpMethod method, Uri url, ServerCertificateVerifier? verifier)
    {
        var dial = $"dial tcp {url.Authority}";
        var reason = error.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"dial tcp: lookup {url.Host}: no such host",
            HttpRequestError.SecureConnectionError when verifier?.Refusal is { } refusal => $"tls: failed to verify certificate: {refusal}",
            HttpRequestError.SecureConnectionError when verifier is { SawCertificate: false } => "http: server gave HTTP response to HTTPS client",
            HttpRequestError.ConnectionError when Find<SocketException>(error) is { } socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"{dial}: connect: connection refused",
                SocketError.TimedOut => $"{dial}: i/o timeout",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{dial}: connect: no route to host",
                _ => $"{dial}: {socket.Message}",
            },
            _ => Innermost(error).Message,
        };
        return new VaultConnectionException($"{Capitalized(method.Method)} \"{url}\": {reason}", error);
    }

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception error) => error.InnerException is null ? error : Innermost(error.InnerException);

    private static string Capitalized(string method) => method[..1] + method[1..].ToLowerInvariant();
}
