using System.Net.Sockets;
using System.Text;

namespace SecretVault.IntegrationTests.Fixtures;

/// <summary>
/// Sends a request byte for byte over a socket. HttpClient normalises dot segments and encodings
/// before sending, so path-traversal tests need the raw request target on the wire.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="method"/> <paramref name="target"/> and returns the status code and body.</summary>
    public static async Task<(int Status, string Body)> SendAsync(Uri server, string method, string target, string? token = null, string? body = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n")
            .Append("Connection: close\r\n");
        if (token is not null)
        {
            request.Append("X-Vault-Token: ").Append(token).Append("\r\n");
        }

        var bodyBytes = Encoding.UTF8.GetBytes(body ?? "");
        request.Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        await stream.WriteAsync(bodyBytes);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var statusLine = response[..response.IndexOf("\r\n", StringComparison.Ordinal)];
        var status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var bodyStart = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = bodyStart < 0 ? response : response[..bodyStart];
        var rawBody = bodyStart < 0 ? "" : response[(bodyStart + 4)..];
        return (status, headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(rawBody) : rawBody);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd], 16);
            if (size == 0)
            {
                break;
            }

            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }
}
