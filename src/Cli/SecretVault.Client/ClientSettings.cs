namespace SecretVault.Client;

/// <summary>
/// Where the server is and which token to send, resolved as the vault CLI does: flags first, then
/// VAULT_ADDR / VAULT_TOKEN, then ~/.vault-token.
/// </summary>
public sealed record ClientSettings
{
    /// <summary>The default address when nothing is set, as the vault CLI's.</summary>
    public const string DefaultAddress = "https://127.0.0.1:8200";

    public required Uri Address { get; init; }

    public string? Token { get; init; }

    public bool SkipTlsVerify { get; init; }

    /// <summary>The CA, client certificate and server name to use for https.</summary>
    public TlsSettings Tls { get; init; } = new();

    /// <summary>Resolves the settings from an explicit address (or null), TLS flags (or null), the environment and the home folder.</summary>
    public static ClientSettings Resolve(string? address, Func<string, string?> environment, string? homeDirectory, bool skipTlsVerify = false, TlsSettings? tlsFlags = null)
    {
        var resolvedAddress = address ?? environment("VAULT_ADDR") ?? DefaultAddress;
        if (!Uri.TryCreate(resolvedAddress.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"invalid server address \"{resolvedAddress}\": expected http(s)://host:port");
        }

        var token = environment("VAULT_TOKEN");
        if (string.IsNullOrEmpty(token) && homeDirectory is not null)
        {
            var file = Path.Combine(homeDirectory, ".vault-token");
            token = File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }

        var skip = skipTlsVerify || environment("VAULT_SKIP_VERIFY") is "1" or "t" or "T" or "true" or "TRUE" or "True";
        return new ClientSettings
        {
            Address = uri,
            Token = string.IsNullOrEmpty(token) ? null : token,
            SkipTlsVerify = skip,
            Tls = TlsSettings.Resolve(tlsFlags, environment),
        };
    }
}
