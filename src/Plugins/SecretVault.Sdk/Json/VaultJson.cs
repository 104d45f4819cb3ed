using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecretVault.Sdk.Json;

/// <summary>The JSON settings of every body the server writes, so that its bytes are Vault's (Go's encoding/json).</summary>
public static class VaultJson
{
    /// <summary>Escapes as Go's encoding/json: only <c>"</c>, <c>\</c>, control characters, <c>&lt; &gt; &amp;</c>, U+2028 and U+2029.</summary>
    public static JavaScriptEncoder Encoder => GoJsonEncoder.Instance;

    /// <summary>Serializer options with <see cref="Encoder"/>.</summary>
    public static JsonSerializerOptions Options { get; } = new() { Encoder = GoJsonEncoder.Instance };

    /// <summary>Writer options with <see cref="Encoder"/>.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = GoJsonEncoder.Instance };
}
