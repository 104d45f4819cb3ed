namespace SecretVault.Client;

/// <summary>
/// How the client trusts the server and proves itself, as the vault CLI's -ca-cert, -ca-path, -client-cert,
/// -client-key and -tls-server-name (or VAULT_CACERT, VAULT_CAPATH, VAULT_CLIENT_CERT, VAULT_CLIENT_KEY,
/// VAULT_TLS_SERVER_NAME). Null fields mean the system's trust and the address's host name.
/// </summary>
public sealed record TlsSettings
{
    /// <summary>A PEM file of CA certificates to trust instead of the system's.</summary>
    public string? CaCert { get; init; }

    /// <summary>A folder of PEM files of CA certificates to trust instead of the system's.</summary>
    public string? CaPath { get; init; }

    /// <summary>A PEM client certificate for mutual TLS (with <see cref="ClientKey"/>).</summary>
    public string? ClientCert { get; init; }

    public string? ClientKey { get; init; }

    /// <summary>The name the server certificate must carry, when it differs from the address's host.</summary>
    public string? ServerName { get; init; }

    /// <summary>Each field from <paramref name="flags"/> when given, else from the environment.</summary>
    public static TlsSettings Resolve(TlsSettings? flags, Func<string, string?> environment)
    {
        static string? Pick(string? flag, string? variable) => !string.IsNullOrEmpty(flag) ? flag : string.IsNullOrEmpty(variable) ? null : variable;
        return new TlsSettings
        {
            CaCert = Pick(flags?.CaCert, environment("VAULT_CACERT")),
            CaPath = Pick(flags?.CaPath, environment("VAULT_CAPATH")),
            ClientCert = Pick(flags?.ClientCert, environment("VAULT_CLIENT_CERT")),
            ClientKey = Pick(flags?.ClientKey, environment("VAULT_CLIENT_KEY")),
            ServerName = Pick(flags?.ServerName, environment("VAULT_TLS_SERVER_NAME")),
        };
    }
}
