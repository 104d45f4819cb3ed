namespace SecretVault.Client;

/// <summary>
/// Thrown instead of sending when <see cref="VaultClient.OutputCurlString"/> is set: carries the curl command
/// equivalent to the first request, as <c>vault -output-curl-string</c> prints it.
/// </summary>
public sealed class CurlStringException : Exception
{
    public CurlStringException()
    {
        Command = "";
    }

    public CurlStringException(string command) : base("the request was printed as a curl command, not sent")
    {
        Command = command;
    }

    public CurlStringException(string message, Exception inner) : base(message, inner)
    {
        Command = "";
    }

    /// <summary>The curl command line; the token is written as <c>$VAULT_TOKEN</c>, never in clear.</summary>
    public string Command { get; }

    /// <summary>The curl command for <paramref name="request"/>.</summary>
    public static async Task<CurlStringException> ForAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var text = new System.Text.StringBuilder("curl -X ").Append(request.Method.Method);
        foreach (var (name, values) in request.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var value = name == "X-Vault-Token" ? "$VAULT_TOKEN" : string.Join(",", values);
            text.Append(" -H \"").Append(name).Append(": ").Append(value).Append('"');
        }

        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            text.Append(" -d '").Append(body.Replace("'", "'\"'\"'", StringComparison.Ordinal)).Append('\'');
        }

        return new CurlStringException(text.Append(' ').Append(request.RequestUri).ToString());
    }
}
