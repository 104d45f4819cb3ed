using System.Text.Encodings.Web;
using SecretVault.Sdk.Json;

namespace SecretVault.Client;

/// <summary>Vault's JSON escaping (Go's encoding/json), for vaultcli's JSON output.</summary>
public static class VaultJsonEncoding
{
    /// <summary>Escapes only <c>"</c>, <c>\</c>, control characters, <c>&lt; &gt; &amp;</c>, U+2028 and U+2029, as Go does.</summary>
    public static JavaScriptEncoder Encoder => GoJsonEncoder.Instance;
}
