using System.Net;
using SecretVault.Server.Http;

namespace SecretVault.Server.Configuration;

/// <summary>The TCP listener.</summary>
public sealed record ListenerConfig
{
    /// <summary>The address and port to bind; port 0 lets the OS choose (tests).</summary>
    public required IPEndPoint Address { get; init; }

    public bool TlsDisable { get; init; }

    public string? TlsCertFile { get; init; }

    public string? TlsKeyFile { get; init; }

    public string TlsMinVersion { get; init; } = "tls12";

    /// <summary>Bodies over this many bytes are refused with 413 before they are read. Vault's default is 32 MiB.</summary>
    public long MaxRequestSize { get; init; } = 32 * 1024 * 1024;

    /// <summary>The <c>max_json_*</c> limits on a JSON body, checked while it is read.</summary>
    public JsonLimits JsonLimits { get; init; } = new();

    /// <summary>PEM file of the CAs that client certificates must chain to; a client certificate is then verified if given.</summary>
    public string? TlsClientCaFile { get; init; }

    /// <summary>Mutual TLS: a connection without a client certificate that verifies is refused.</summary>
    public bool TlsRequireAndVerifyClientCert { get; init; }

    /// <summary>The <c>x_forwarded_for_*</c> settings; null unless <c>x_forwarded_for_authorized_addrs</c> is set.</summary>
    public ForwardedForConfig? ForwardedFor { get; init; }

    /// <summary>OpenBao's default: <c>sys/generate-root/*</c> needs a <c>sudo</c> token.</summary>
    public bool DisableUnauthedGenerateRootEndpoints { get; init; } = true;

    /// <summary>OpenBao's default: <c>sys/rekey/*</c> needs a <c>sudo</c> token.</summary>
    public bool DisableUnauthedRekeyEndpoints { get; init; } = true;

    /// <summary>The listener's keys as written in the file, for <c>sys/config/state/sanitized</c> (as Vault reports them).</summary>
    public IReadOnlyDictionary<string, object?> Raw { get; init; } = new Dictionary<string, object?>();
}
